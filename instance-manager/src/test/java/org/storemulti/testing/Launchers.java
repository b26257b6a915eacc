package org.storemulti.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The real commands of the built checkout ({@code bin/storemulti}, {@code bin/storectl},
 * {@code bin/storeadm}, {@code bin/storeconf}) run as processes, for end-to-end tests.
 * {@code STORE_CONFIG} and {@code STOREMULTI_JAVA_OPTS} of the test's environment are
 * removed so only what a test passes reaches the command.
 */
public final class Launchers {

    /** What a command did. */
    public record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "stderr:\n" + err;
        }
    }

    private Launchers() {
    }

    /** {@code bin/PROGRAM args...} of the checkout. */
    public static List<String> command(String program, String... args) {
        List<String> command = new ArrayList<>(List.of(InstanceSet.checkout().resolve("bin").resolve(program).toString()));
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** {@code /bin/sh -c 'umask MASK; exec "$@"' sh COMMAND...}: the command under another umask. */
    public static List<String> underUmask(String mask, List<String> command) {
        List<String> all = new ArrayList<>(List.of("/bin/sh", "-c", "umask " + mask + " && exec \"$@\"", "sh"));
        all.addAll(command);
        return all;
    }

    /**
     * Skips the test unless it runs as root and {@code user} can run the checkout's jars;
     * then opens {@code temp} (mode 0755) so that user can reach the sandbox in it.
     */
    public static void assumeRootCanRunAs(String user, Path temp) throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can act as another user");
        Path jar = InstanceSet.checkout().resolve("instance-manager/target/instance-manager.jar");
        Assumptions.assumeTrue(exec(List.of("runuser", "-u", user, "--", "test", "-r", jar.toString())).exit() == 0,
                "user " + user + " cannot read " + jar + " (a parent directory is private)");
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** {@code runuser -u USER -- COMMAND...}. */
    public static List<String> as(String user, List<String> command) {
        List<String> all = new ArrayList<>(List.of("runuser", "-u", user, "--"));
        all.addAll(command);
        return all;
    }

    /** Starts {@code command} with {@code extraEnv} added to this environment. */
    public static Process launch(List<String> command, Map<String, String> extraEnv) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("STORE_CONFIG");
        pb.environment().remove("STOREMULTI_JAVA_OPTS");
        pb.environment().putAll(extraEnv);
        return pb.start();
    }

    /** Runs {@code command} to its end (at most 60 s) with nothing on standard input. */
    public static Run exec(List<String> command) throws Exception {
        return exec(command, Map.of(), "");
    }

    /** Runs {@code command} to its end (at most 60 s) with {@code input} on standard input. */
    public static Run exec(List<String> command, Map<String, String> extraEnv, String input) throws Exception {
        Process p = launch(command, extraEnv);
        try (var stdin = p.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("no end within 60 s: " + String.join(" ", command));
        }
        return new Run(p.exitValue(), out, err);
    }
}
