package org.storemulti.iterate;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.storemulti.registry.Instance;

/**
 * {@code -x}: runs any command once per instance with the instance's environment. The
 * command word is looked up in the child's PATH (which starts with
 * {@code command_directory}), as execvp in the child would.
 */
public final class ExecExecutor implements StepExecutor {

    /** Exit status reported for a command that cannot be found or started. */
    static final int NOT_FOUND = 127;
    /** Exit status reported for a command killed by {@code --timeout}. */
    static final int TIMED_OUT = 124;

    private final ProcessRunner runner;
    private final Map<String, String> inherited;
    private final Instance primary;
    private final int verbosity;
    private final Duration timeout;
    private final InputStream stdin;

    /**
     * @param timeout per instance, null for none
     * @param stdin passed to the child, null for none
     */
    public ExecExecutor(ProcessRunner runner, Map<String, String> inherited, Instance primary, int verbosity,
            Duration timeout, InputStream stdin) {
        this.runner = runner;
        this.inherited = inherited;
        this.primary = primary;
        this.verbosity = verbosity;
        this.timeout = timeout;
        this.stdin = stdin;
    }

    @Override
    public int run(Step step, OutputStream out, OutputStream err) throws Exception {
        Map<String, String> env = ExecEnvironment.of(inherited, primary, step.instance(), verbosity);
        String word = step.command().get(0);
        Optional<Path> executable = find(word, env.get("PATH"));
        if (executable.isEmpty()) {
            err.write(("storemulti: execvp " + word + ": No such file or directory\n").getBytes(StandardCharsets.UTF_8));
            return NOT_FOUND;
        }
        List<String> command = new ArrayList<>(step.command());
        command.set(0, executable.get().toString());
        ProcessRunner.Result result;
        try {
            result = runner.run(command, env, timeout, stdin, out, err);
        } catch (java.io.IOException e) {
            err.write(("storemulti: execvp " + word + ": " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            return NOT_FOUND;
        }
        if (result.timedOut()) {
            err.write(("storemulti: " + word + ": killed after the --timeout of " + timeout.toSeconds() + "s\n")
                    .getBytes(StandardCharsets.UTF_8));
            return TIMED_OUT;
        }
        return result.exitValue();
    }

    /** {@code word} itself when it holds a '/', else the first executable file of that name in {@code path}. */
    static Optional<Path> find(String word, String path) {
        if (word.contains("/")) {
            return Optional.of(Path.of(word));
        }
        for (String dir : path.split(":", -1)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(word);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
