package org.storemulti.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a delivering JVM, then storeadm db recover and verify: nothing acknowledged is lost. */
class CrashTest {

    @TempDir
    Path root;

    @Test
    void afterAKillDuringDeliveriesVerifyFindsNoProblemAndEveryAcknowledgedMessageIsThere() throws Exception {
        Instance instance = new Instance(root);
        instance.ok("domain_add", "example.com");
        instance.ok("-d", "example.com", "mbox_user_add", "joe");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashDeliverer.class.getName(),
                instance.dataDirectory.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        AtomicLong lastAcknowledged = new AtomicLong();
        Thread reader = new Thread(() -> readAcknowledgements(child, lastAcknowledged));
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lastAcknowledged.get() < 200 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        reader.join();
        assertTrue(lastAcknowledged.get() >= 200, "the child acknowledged " + lastAcknowledged);
        assertEquals("", instance.ok("db", "recover"));
        assertEquals("", instance.ok("db", "verify"));
        String status = instance.ok("mailbox", "status", "joe@example.com");
        long messages = Long.parseLong(status.replaceAll("messages=(\\d+).*\\s*", "$1"));
        assertTrue(messages >= lastAcknowledged.get(), status + ", last acknowledged uid " + lastAcknowledged);
    }

    /** Keeps the highest UID the child acknowledged until its output ends (or is closed by the kill). */
    private static void readAcknowledgements(Process child, AtomicLong last) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.US_ASCII))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                last.set(Long.parseLong(line));
            }
        } catch (IOException e) {
            // the kill closed the pipe: what was read is what the child acknowledged
        }
    }
}
