package org.storemulti.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.Store;
import org.storemulti.store.message.FlagChange;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MailboxHandle;
import org.storemulti.store.message.UidSet;

/**
 * kill -9 of {@code storeadm sync mirror} at seeded random points of its work (a random part of
 * an uninterrupted run's time, counted from its first {@code -D} line), 20 rounds with changes on both sides before each: the next run exits 0 and
 * leaves both instances identical (GUIDs, flags, UIDs per mailbox) with {@code db verify} clean.
 */
class SyncCrashTest {

    private static final int ROUNDS = 20;
    private static final String JOE = SyncCommandsTest.JOE;

    @TempDir
    Path root;

    @Test
    void aSyncKilledAnywhereIsCompletedByTheNextRunAndBothSidesEndIdentical() throws Exception {
        Instance a = new Instance(root.resolve("a"));
        Instance b = new Instance(root.resolve("b"));
        a.ok("domain_add", "example.com");
        b.ok("domain_add", "example.com");
        a.ok("-d", "example.com", "mbox_user_add", "joe");
        Random random = new Random(20261207);
        change(a, random, 40, "start");
        Run calibration = mirror(a, b, Long.MAX_VALUE);
        assertEquals(0, calibration.status(), calibration.lines().toString());
        check(a, b, "after the first run");
        // the window kills fall in: the shortest uninterrupted run so far (a cold first run is slow)
        long window = calibration.workNanos();
        List<String> kills = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            change(a, random, 5 + random.nextInt(20), "a" + round);
            change(b, random, 5 + random.nextInt(20), "b" + round);
            long killAfter = (long) (random.nextDouble() * window);
            Run run = mirror(a, b, killAfter);
            kills.add((run.killed() ? "killed " : "exit " + run.status() + " ") + killAfter / 1_000_000 + " ms in, after "
                    + run.lines().size() + " lines");
            assertTrue(run.killed() || run.status() == 0, kills.get(round) + ": " + run.lines());
            if (!run.killed()) {
                window = Math.min(window, run.workNanos());
            }
            Instance.Result rerun = a.run("sync", "-u", JOE, "mirror", "store:" + b.configDirectory);
            assertEquals(0, rerun.status(), "round " + round + " (" + kills.get(round) + "): " + rerun);
            check(a, b, "round " + round + " (" + kills.get(round) + ")");
        }
        assertTrue(kills.stream().filter(k -> k.startsWith("killed")).count() >= ROUNDS / 4, kills.toString());
    }

    /** Both sides the same, and both databases verify clean. */
    private static void check(Instance a, Instance b, String when) throws IOException {
        assertEquals(SyncCommandsTest.view(a, JOE), SyncCommandsTest.view(b, JOE), when);
        assertEquals("", a.ok("db", "verify"), when);
        assertEquals("", b.ok("db", "verify"), when);
    }

    /** How a child's mirror went: its exit status (137 when killed), its lines, its time from its first line to its end. */
    record Run(int status, List<String> lines, long workNanos) {
        boolean killed() {
            return status == 137;
        }
    }

    /**
     * Runs the mirror in a child JVM with {@code -D} and kills it (SIGKILL) {@code killAfterNanos}
     * after its first line (the sync has begun: the user's mailboxes are being listed).
     */
    private static Run mirror(Instance a, Instance b, long killAfterNanos) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(SyncCommandsTest.java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), StoreAdm.class.getName(), "-c", a.configDirectory.toString(),
                "sync", "-D", "-u", JOE, "mirror", "store:" + b.configDirectory)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CountDownLatch begun = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(), UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    lines.add(line);
                    begun.countDown();
                }
            } catch (IOException e) {
                lines.add("(stderr: " + e.getMessage() + ")");
            } finally {
                begun.countDown();
            }
        });
        reader.start();
        assertTrue(begun.await(60, TimeUnit.SECONDS), "the sync child said nothing");
        long begin = System.nanoTime();
        if (!child.waitFor(killAfterNanos, TimeUnit.NANOSECONDS)) {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the sync child did not end");
        long work = System.nanoTime() - begin;
        reader.join();
        return new Run(child.exitValue(), lines, work);
    }

    /** New messages, flag changes and removals in joe's INBOX (which may not exist yet on a fresh side). */
    private static void change(Instance instance, Random random, int newMessages, String tag) throws IOException {
        try (Store store = instance.open()) {
            if (store.mailboxes().listUser("example.com", "user/joe/INBOX").isEmpty()) {
                return;
            }
            MailboxHandle inbox = store.messages().mailbox("example.com", "user/joe/INBOX");
            for (int i = 0; i < newMessages; i++) {
                String text = "From: ann@example.com\r\nSubject: " + tag + " " + i + "\r\n\r\n"
                        + ("crash test " + tag + " " + i + "\r\n").repeat(20 + random.nextInt(400));
                inbox.append(new ByteArrayInputStream(text.getBytes(UTF_8)), Flags.of(),
                        Instant.parse("2026-11-01T00:00:00Z").plusSeconds(random.nextInt(86_400)));
            }
            long next = inbox.state().uidNext();
            for (int i = 0; i < 4; i++) {
                long uid = 1 + random.nextInt((int) Math.max(1, next - 1));
                String flag = List.of("\\Seen", "\\Flagged", "\\Answered", "$Work").get(random.nextInt(4));
                inbox.store(UidSet.of(uid), random.nextBoolean() ? FlagChange.add(Flags.of(flag))
                        : FlagChange.remove(Flags.of(flag)), -1);
            }
            inbox.remove(UidSet.of(1 + (long) random.nextInt((int) Math.max(1, next - 1))));
        }
    }
}
