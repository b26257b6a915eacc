package org.storemulti.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One run of an external program, as a test sees it: its exit status and everything it
 * printed. Output is read while it runs (a full pipe must not stall it), and a run that
 * outlasts its bound is killed and fails the test.
 */
public record ProcessRun(List<String> command, int exit, String out, String err) {

    /** Runs {@code command} with {@code environment} added to this JVM's, nothing on stdin. */
    public static ProcessRun run(List<String> command, Map<String, String> environment, Duration bound) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("STORE_CONFIG");
        builder.environment().remove("STOREMULTI_JAVA_OPTS");
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            FutureTask<String> out = drain(process.getInputStream());
            FutureTask<String> err = drain(process.getErrorStream());
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + ": no end after " + bound.toSeconds() + " s");
            }
            return new ProcessRun(command, process.exitValue(), output(out), output(err));
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + String.join(" ", command), e);
        }
    }

    /** Runs {@code command} with a one-minute bound. */
    public static ProcessRun run(String... command) {
        return run(List.of(command), Map.of(), Duration.ofMinutes(1));
    }

    /** This run, when it exited 0; else an assertion error with everything it printed. */
    public ProcessRun ok() {
        if (exit != 0) {
            throw new AssertionError(String.join(" ", command) + ": exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err);
        }
        return this;
    }

    /** {@code program} on the PATH, if installed. */
    public static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(":")).filter(d -> !d.isEmpty()).map(d -> Path.of(d, program))
                .filter(Files::isExecutable).findFirst();
    }

    /** Reads {@code stream} to its end on a thread of its own (a shared pool could starve). */
    private static FutureTask<String> drain(InputStream stream) {
        FutureTask<String> task = new FutureTask<>(() -> {
            try (InputStream in = stream) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
        Thread reader = new Thread(task, "process-output");
        reader.setDaemon(true);
        reader.start();
        return task;
    }

    private static String output(FutureTask<String> drained) throws InterruptedException {
        try {
            return drained.get();
        } catch (ExecutionException e) {
            throw new AssertionError("reading a process's output", e.getCause());
        }
    }
}
