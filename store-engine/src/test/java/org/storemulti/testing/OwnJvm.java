package org.storemulti.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A class's {@code main} run in a JVM of its own on this test's class path, standard error
 * appended to a file: how a command behaves when its standard error is not a pipe of the
 * test's (a unit's journal stream, a log file). Shared through store-engine's test jar.
 */
public final class OwnJvm {

    private OwnJvm() {
    }

    /**
     * Runs {@code main} with {@code args}, {@code environment} added to this JVM's (less
     * {@code STORE_CONFIG}), standard output discarded, standard error appended to
     * {@code stderr}; its exit status once it ended (a minute at most, else the test fails).
     */
    public static int run(Map<String, String> environment, Path stderr, Class<?> main, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
        builder.environment().remove("STORE_CONFIG");
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), main.getSimpleName() + " ends within a minute");
            return process.exitValue();
        } finally {
            process.destroyForcibly();
        }
    }
}
