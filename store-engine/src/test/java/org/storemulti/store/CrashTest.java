package org.storemulti.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.error.ConflictException;

/**
 * Kill -9 in the middle of group commits: every delivery the child acknowledged must be
 * present after reopening, and the store must verify clean.
 */
class CrashTest {

    static final String DOMAIN = "example.com";

    @TempDir
    Path data;

    record Ack(String mailbox, long uid, String text) {
    }

    @Test
    void everyAcknowledgedDeliverySurvivesAKillAndTheStoreVerifiesClean() throws Exception {
        try (Store store = Store.open(data)) {
            store.domains().add(DOMAIN);
            store.mailboxes().addUser(DOMAIN, "u0");
            store.mailboxes().addUser(DOMAIN, "u1");
        }
        List<Ack> acknowledged = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            acknowledged.addAll(runAndKill("r" + round, 150 + round * 100));
            try (Store store = Store.open(data)) {
                assertEquals(List.of(), store.tools().verify(false), "after kill " + round);
                for (Ack ack : acknowledged) {
                    assertEquals(ack.text(), new String(store.messages().read(DOMAIN, ack.mailbox(), ack.uid()), UTF_8));
                }
            }
        }
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        try (Store store = Store.open(data, later)) {
            store.tools().recover();
            assertEquals(List.of(), store.tools().verify(false), "leftovers of killed writes are gone");
            long stored = store.messages().list(DOMAIN, "user/u0/INBOX").size()
                    + store.messages().list(DOMAIN, "user/u1/INBOX").size();
            assertTrue(stored >= acknowledged.size(), stored + " stored, " + acknowledged.size() + " acknowledged");
        }
    }

    private List<Ack> runAndKill(String tag, int killAfter) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), data.toString(), tag)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Ack> acks = new ArrayList<>();
        CountDownLatch enough = new CountDownLatch(killAfter);
        Thread reader = new Thread(() -> readAcks(child, acks, enough));
        reader.start();
        boolean reached = enough.await(60, TimeUnit.SECONDS);
        whileTheChildRuns();
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
        reader.join();
        assertTrue(reached, "child acknowledged only " + acks.size() + " deliveries");
        synchronized (acks) {
            return new ArrayList<>(acks);
        }
    }

    /** Another process may read the live store but not take it over. */
    private void whileTheChildRuns() {
        assertThrows(ConflictException.class, () -> Store.upgrade(data));
        try (Store reader = Store.open(data)) {
            assertTrue(reader.messages().status(DOMAIN, "user/u0/INBOX").messages() > 0);
        }
    }

    private static void readAcks(Process child, List<Ack> acks, CountDownLatch enough) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] parts = line.split(" ");
                if (parts.length == 5 && parts[0].equals("ACK") && parts[4].equals("END")) {
                    synchronized (acks) {
                        acks.add(new Ack(parts[1], Long.parseLong(parts[2]), parts[3]));
                    }
                    enough.countDown();
                }
            }
        } catch (java.io.IOException e) {
            // the child was killed mid-line: what was read completely counts
        }
    }
}
