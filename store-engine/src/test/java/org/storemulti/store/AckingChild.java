package org.storemulti.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM that prints {@code ACK field... END} after each thing it made durable, killed -9
 * once it has acknowledged enough: the crash tests' way to stop a writer at a random point.
 */
final class AckingChild {

    private AckingChild() {
    }

    /**
     * Runs {@code main} with {@code args} until {@code killAfter} acknowledgements (at most 60 s),
     * calls {@code whileRunning}, kills it; the fields of every line read whole.
     */
    static List<String[]> runAndKill(Class<?> main, int killAfter, Runnable whileRunning, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String[]> acks = new ArrayList<>();
        CountDownLatch enough = new CountDownLatch(killAfter);
        Thread reader = new Thread(() -> readAcks(child, acks, enough));
        reader.start();
        boolean reached = enough.await(60, TimeUnit.SECONDS);
        whileRunning.run();
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
        reader.join();
        assertTrue(reached, "child acknowledged only " + acks.size());
        synchronized (acks) {
            return new ArrayList<>(acks);
        }
    }

    private static void readAcks(Process child, List<String[]> acks, CountDownLatch enough) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] parts = line.split(" ");
                if (parts.length > 2 && parts[0].equals("ACK") && parts[parts.length - 1].equals("END")) {
                    synchronized (acks) {
                        acks.add(Arrays.copyOfRange(parts, 1, parts.length - 1));
                    }
                    enough.countDown();
                }
            }
        } catch (IOException e) {
            // the child was killed mid-line: what was read completely counts
        }
    }
}
