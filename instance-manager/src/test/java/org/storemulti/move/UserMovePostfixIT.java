package org.storemulti.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.testing.Launchers.Run;

/**
 * The move under live mail: Debian's Postfix keeps delivering to the user through the transport
 * map (LMTP into the two running instances) while {@code storemulti user-move} runs. Every
 * message ends in the target exactly once, none is lost or stored twice, and mail Postfix routed
 * to the source after the switch was deferred there and retried to the target. Skipped without
 * root and Postfix (.ci/run installs it).
 */
class UserMovePostfixIT {

    private static final int BEFORE = 100;
    private static final int DURING = 200;

    @TempDir
    Path root;

    @Test
    void postfixDeliveringThroughTheMoveLosesNothingAndStoresNothingTwice() throws Exception {
        assumeTrue(ThrowawayPostfix.available(), "needs root and Debian's postfix package (.ci/run installs it)");
        TwoInstances two = TwoInstances.create(root.resolve("stores"));
        two.addUser(two.a, "joe");
        two.addUser(two.a, "ann");
        two.deliver(two.a, "joe", 0, BEFORE);
        Path map = root.resolve("transport");
        two.storemulti("--postfix-transport", map.toString());
        two.storemulti("-i", "store-a", "-p", "start");
        two.storemulti("-i", "store-b", "-p", "start");
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try (ThrowawayPostfix postfix = ThrowawayPostfix.start(root.resolve("postfix"), map)) {
            two.primaryConf("-e", "storemulti_postmap_command=postmap -c " + postfix.config,
                    "storemulti_mta_reload_command=postfix -c " + postfix.config + " reload");
            AtomicInteger sent = new AtomicInteger(BEFORE);
            Future<?> sending = sender.submit(() -> {
                for (int n = BEFORE; n < BEFORE + DURING; n++) {
                    postfix.send("joe@" + TwoInstances.DOMAIN, TwoInstances.message("joe", n));
                    postfix.send("ann@" + TwoInstances.DOMAIN, TwoInstances.message("ann", n - BEFORE));
                    sent.incrementAndGet();
                }
                return null;
            });
            awaitAtLeast(sent, BEFORE + DURING / 4);
            Run moved = two.storemulti("user-move", "joe@example.org", "--to", "store-b");
            int sentByTheEnd = sent.get();
            sending.get(120, TimeUnit.SECONDS);
            assertTrue(sentByTheEnd < BEFORE + DURING, "the move ended before the mail did: " + moved);
            assertTrue(moved.out().contains("reload done"), moved.toString());
            awaitHeld(two, two.b, "joe", BEFORE + DURING, postfix);
            awaitHeld(two, two.a, "ann", DURING, postfix);
            awaitEmptyQueue(postfix);
            two.assertHolds(two.b, "joe", BEFORE + DURING);
            two.assertHolds(two.a, "ann", DURING);
            Map<String, Integer> leftOnSource = two.messageIds(two.a, "joe");
            assertTrue(leftOnSource.values().stream().allMatch(c -> c == 1), "stored twice on the source");
            long deferred = postfix.deliveries().stream().filter(l -> l.contains("dsn=4.2.1")).count();
            System.out.printf("UserMovePostfixIT: %d messages before, %d during the move (%d sent when it ended);"
                    + " %d stayed on the source's disabled copy, %d deferred deliveries retried to the target%n",
                    BEFORE, DURING, sentByTheEnd - BEFORE, leftOnSource.size(), deferred);
        } finally {
            sender.shutdownNow();
            two.a.run("storemulti", "", "-i", "store-a", "-p", "stop");
            two.a.run("storemulti", "", "-i", "store-b", "-p", "stop");
        }
    }

    private static void awaitAtLeast(AtomicInteger counter, int value) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (counter.get() < value) {
            assertTrue(System.nanoTime() < deadline, "only " + counter.get() + " sent within 60 s");
            Thread.sleep(20); // polling the sender's count against a deadline
        }
    }

    private static void awaitHeld(TwoInstances two, org.storemulti.testing.LaunchedInstance instance, String user,
            int count, ThrowawayPostfix postfix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Map<String, Integer> ids = new HashMap<>();
        int polls = 0;
        while (System.nanoTime() < deadline) {
            ids = two.messageIds(instance, user);
            if (ids.size() >= count) {
                return;
            }
            if (++polls % 25 == 0) {
                postfix.flush();
            }
            Thread.sleep(200); // polling the store against a deadline
        }
        java.util.Set<String> missing = new java.util.TreeSet<>();
        for (int n = 0; n < count; n++) {
            if (!ids.containsKey("<" + n + "." + user + "@test>")) {
                missing.add("<" + n + "." + user + "@test>");
            }
        }
        Map<String, Integer> onA = two.messageIds(two.a, user);
        long onSource = missing.stream().filter(onA::containsKey).count();
        java.util.List<String> odd = postfix.deliveries().stream().filter(l -> !l.contains("status=sent")
                && !l.contains("dsn=4.2.1")).toList();
        assertEquals(count, ids.size(), user + ": messages on " + instance.configDirectory() + " after 120 s; missing "
                + missing + ", " + onSource + " of them on store-a; Postfix's queue: " + postfix.queue()
                + "; unusual deliveries: " + odd);
    }

    private static void awaitEmptyQueue(ThrowawayPostfix postfix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String queue = postfix.queue();
        for (int polls = 1; !queue.endsWith("Mail queue is empty") && System.nanoTime() < deadline; polls++) {
            if (polls % 25 == 0) {
                postfix.flush();
            }
            Thread.sleep(200); // polling Postfix's queue against a deadline
            queue = postfix.queue();
        }
        if (!queue.endsWith("Mail queue is empty")) {
            List<String> log = postfix.logOf(queue.lines().skip(1).findFirst().orElse("").split("[ *!]")[0]);
            assertTrue(false, queue + "\nPostfix's log of it: " + log);
        }
    }
}
