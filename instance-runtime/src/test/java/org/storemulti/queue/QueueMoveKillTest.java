package org.storemulti.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection: a child JVM moves a queue back and forth between two instances and is
 * killed with SIGKILL at random moments; after each kill, verify --repair on both queues
 * must leave every message in exactly one queue, intact, none lost, none duplicated.
 */
class QueueMoveKillTest {

    private static final int MESSAGES = 25;
    private static final Duration BUDGET = Duration.ofSeconds(18);
    private static final int MAX_ROUNDS = 30;

    @TempDir
    Path dir;

    @Test
    void killingAMoveAtRandomPointsNeverLosesOrDuplicatesAMessage() throws Exception {
        QueueDirectories a = QueueDirectories.of(dir.resolve("a"));
        QueueDirectories b = QueueDirectories.of(dir.resolve("b"));
        MutableClock clock = new MutableClock(Instant.now());
        QueueWriter writer = new QueueWriter(a, clock);
        Set<QueueId> all = new TreeSet<>();
        for (int i = 0; i < MESSAGES; i++) {
            byte[] body = ("Subject: " + i + "\r\n\r\n" + "x".repeat(200 * i) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            QueueId id = writer.inject("s@x", List.of("r" + i + "@x"), body);
            if (i % 3 == 1) {
                new QueueAdmin(a).hold(id);
            } else if (i % 3 == 2) {
                a.move(a.locate(id).orElseThrow(), QueueState.DEFERRED);
            }
            all.add(id);
        }
        Random random = new Random(20261123);
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int rounds = 0;
        int killed = 0;
        int recovered = 0;
        int split = 0;
        Set<String> steps = new TreeSet<>();
        while (rounds < MAX_ROUNDS && System.nanoTime() < deadline) {
            boolean forward = rounds % 2 == 0;
            QueueDirectories from = forward ? a : b;
            QueueDirectories to = forward ? b : a;
            boolean copy = rounds % 5 != 4;
            int killAt = random.nextInt(Math.max(1, ids(from).size()));
            if (runChild(from, to, copy, killAt, random)) {
                killed++;
            }
            String where = "round " + rounds + " (" + (copy ? "copy" : "rename") + ", kill after " + killAt + " arrived)";
            // the destination first: it must leave a copy in flight alone for the source to resolve
            List<VerifyFinding> destination = new QueueVerifier(to, clock, Duration.ZERO).verify(true);
            List<VerifyFinding> source = new QueueVerifier(from, clock, Duration.ZERO).verify(true);
            for (VerifyFinding f : source) {
                if (f.problem().startsWith("interrupted move")) {
                    recovered++;
                    steps.add(f.problem().substring(f.problem().lastIndexOf(' ') + 1));
                }
            }
            if (!ids(a).isEmpty() && !ids(b).isEmpty()) {
                split++;
            }
            assertTrue(destination.stream().allMatch(f -> f.problem().startsWith("copy of a move")),
                    where + ": " + destination);
            assertExactlyOnce(all, a, b, where);
            rounds++;
        }
        assertTrue(recovered >= 3, "only " + recovered + " of " + rounds + " kills hit a journaled step");
        // and a move left alone finishes
        runChild(rounds % 2 == 0 ? a : b, rounds % 2 == 0 ? b : a, true, -1, random);
        assertEquals(all, new TreeSet<>(ids(rounds % 2 == 0 ? b : a)));
        System.err.println("queue move kill test: " + rounds + " rounds, " + killed + " killed, "
                + recovered + " interrupted journaled steps recovered " + steps + ", " + split + " left the queue split");
        assertTrue(steps.size() >= 2, "kills hit only the steps " + steps);
    }

    /**
     * Runs the child. With {@code killAt >= 0}, kills it (SIGKILL) once the destination
     * holds {@code killAt} more files than before, plus a random sub-millisecond to few-
     * millisecond delay, so kills land all through the move. Returns whether it was killed.
     */
    private static boolean runChild(QueueDirectories from, QueueDirectories to, boolean copy, int killAt, Random random)
            throws IOException, InterruptedException {
        long before = QueueDirectories.messageCount(to.root());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), MoveChild.class.getName(),
                from.root().toString(), to.root().toString(), copy ? "copy" : "rename")
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (!"ready".equals(first)) {
            child.destroyForcibly().waitFor();
            throw new IllegalStateException("child said " + first);
        }
        if (killAt >= 0) {
            while (child.isAlive() && QueueDirectories.messageCount(to.root()) - before < killAt) {
                LockSupport.parkNanos(100_000);
            }
            long nanos = (long) (random.nextDouble() * random.nextDouble() * 4_000_000);
            if (!child.waitFor(nanos, TimeUnit.NANOSECONDS)) {
                child.destroyForcibly();
                child.waitFor();
                return true;
            }
        }
        if (!child.waitFor(20, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            throw new IllegalStateException("child move did not finish");
        }
        StringBuilder rest = new StringBuilder();
        for (String line; (line = out.readLine()) != null;) {
            rest.append(line).append('\n');
        }
        assertEquals(0, child.exitValue(), rest.toString());
        return false;
    }

    private static List<QueueId> ids(QueueDirectories q) throws IOException {
        List<QueueId> ids = new ArrayList<>();
        for (QueueState s : QueueState.values()) {
            q.list(s).forEach(l -> ids.add(l.id()));
        }
        return ids;
    }

    private static void assertExactlyOnce(Set<QueueId> all, QueueDirectories a, QueueDirectories b, String where)
            throws IOException {
        List<QueueId> inA = ids(a);
        List<QueueId> inB = ids(b);
        List<QueueId> both = new ArrayList<>(inA);
        both.addAll(inB);
        assertEquals(all.size(), both.size(), where + ": a=" + inA + " b=" + inB);
        assertEquals(all, new TreeSet<>(both), where);
        assertEquals(0, QueueDirectories.quarantinedCount(a.root()) + QueueDirectories.quarantinedCount(b.root()), where);
        assertEquals(all.size(), QueueDirectories.messageCount(a.root()) + QueueDirectories.messageCount(b.root()),
                where + ": temp or staged files left");
        for (QueueId id : inA) {
            QueueFile.read(a.locate(id).orElseThrow().path());
        }
        for (QueueId id : inB) {
            QueueFile.read(b.locate(id).orElseThrow().path());
        }
    }
}
