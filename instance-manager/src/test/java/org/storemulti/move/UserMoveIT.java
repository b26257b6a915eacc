package org.storemulti.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.testing.Launchers;
import org.storemulti.testing.Launchers.Run;

/**
 * {@code storemulti user-move} through the real launcher: killed after every step and run
 * again, killed mid-mirror, its refusals, the transport map it keeps, and {@code --purge}.
 */
class UserMoveIT {

    private static final List<String> STEPS = List.of("planned", "first-mirror", "second-mirror", "routed", "kicked",
            "done");

    @TempDir
    Path root;

    private TwoInstances setUp() throws Exception {
        TwoInstances two = TwoInstances.create(root, "store-c");
        two.storemulti("--postfix-transport", root.resolve("transport").toString());
        two.primaryConf("-e", "storemulti_postmap_command=true", "storemulti_mta_reload_command=");
        return two;
    }

    private String record(TwoInstances two, String user) throws Exception {
        return Files.readString(two.set.path("var/lib/store/user-moves/" + user.replace("@", "%40")));
    }

    @Test
    void aMoveKilledAfterEachStepIsFinishedByRunningItAgainAndMailArrivingMeanwhileGoesAlong() throws Exception {
        TwoInstances two = setUp();
        two.addUser(two.a, "joe");
        two.deliver(two.a, "joe", 0, 50);
        int delivered = 50;
        for (String step : STEPS) {
            Run killed = two.crashing("move-" + step, "user-move", "joe@example.org", "--to", "store-b");
            assertEquals(137, killed.exit(), step + ": " + killed);
            assertTrue(record(two, "joe@example.org").contains("\nstep = " + step + "\n"), step);
            if (STEPS.indexOf(step) < STEPS.indexOf("routed")) {
                two.deliver(two.a, "joe", delivered, delivered + 5); // mail still routed to the source
                delivered += 5;
            }
        }
        Run again = two.storemulti("user-move", "joe@example.org", "--to", "store-b");
        assertTrue(again.out().contains("moved to store-b already"), again.toString());
        two.assertHolds(two.b, "joe", delivered);
        two.assertHolds(two.a, "joe", delivered);
        assertFalse(two.loginEnabled(two.a, "joe"), "logins refused on the source");
        assertTrue(two.loginEnabled(two.b, "joe"), "logins accepted on the target");
        assertEquals("joe@example.org\tlmtp:unix:" + two.set.path("var/spool/store-b/private/lmtp") + "\n",
                mapLines(root.resolve("transport")));
    }

    @Test
    void aMoveKilledDuringItsFirstMirrorLeavesEveryMessageOnceAfterTheRerun() throws Exception {
        TwoInstances two = setUp();
        two.addUser(two.a, "ann");
        two.deliver(two.a, "ann", 0, 1000);
        Random random = new Random(14);
        Process move = Launchers.launch(two.a.command("storemulti", "user-move", "ann@example.org", "--to", "store-b"),
                Map.of());
        Path record = two.set.path("var/lib/store/user-moves/ann%40example.org");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(record) && move.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // polling for the record against a deadline
        }
        Thread.sleep(random.nextInt(200)); // a random moment of the first mirror, not a synchronization
        move.destroyForcibly();
        move.waitFor(30, TimeUnit.SECONDS);
        assertFalse(record(two, "ann@example.org").contains("\nstep = done\n"), "the kill came after the move");
        two.storemulti("user-move", "ann@example.org", "--to", "store-b");
        two.assertHolds(two.b, "ann", 1000);
        assertTrue(record(two, "ann@example.org").contains("\nstep = done\n"));
    }

    @Test
    void unclearMovesAreRefusedWithOneLineSayingWhatToDo() throws Exception {
        TwoInstances two = setUp();
        two.addUser(two.a, "joe");
        two.addUser(two.a, "zed");
        assertRefused(two, "unknown user nobody@example.org", "user-move", "nobody@example.org", "--to", "store-b");
        assertRefused(two, "store-c is disabled", "user-move", "joe@example.org", "--to", "store-c");
        two.storemulti("-i", "store-c", "-e", "enable");
        assertRefused(two, "store-c has no domain example.org", "user-move", "joe@example.org", "--to", "store-c");
        assertRefused(two, "joe@example.org is a user of store-a already", "user-move", "joe@example.org", "--to",
                "store-a");
        assertRefused(two, "expected the store user as name@domain", "user-move", "joe", "--to", "store-b");
        assertRefused(two, "No instance named store-x", "user-move", "joe@example.org", "--to", "store-x");
        assertEquals(137, two.crashing("move-second-mirror", "user-move", "joe@example.org", "--to", "store-b").exit());
        try (var store = two.store(two.c())) {
            store.domains().add(TwoInstances.DOMAIN);
        }
        assertRefused(two, "a move to store-b is in progress (last step done: second-mirror)", "user-move",
                "joe@example.org", "--to", "store-c");
        assertRefused(two, "no finished move to store-b", "user-move", "joe@example.org", "--to", "store-b", "--purge");
        two.addUser(two.b, "zed");
        assertRefused(two, "zed@example.org is a user of both store-a and store-b",
                "--postfix-transport", root.resolve("transport").toString());
    }

    private static void assertRefused(TwoInstances two, String message, String... args) throws Exception {
        Run run = two.a.run("storemulti", "", args);
        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.err().startsWith("storemulti: fatal: ") && run.err().contains(message)
                && run.err().strip().lines().count() == 1, run.toString());
    }

    @Test
    void purgeDeletesTheSourcesCopyOnlyAfterAFinishedMoveAndAnotherMirror() throws Exception {
        TwoInstances two = setUp();
        two.addUser(two.a, "joe");
        two.deliver(two.a, "joe", 0, 10);
        two.storemulti("user-move", "joe@example.org", "--to", "store-b");
        two.deliver(two.a, "joe", 10, 12); // a straggler the source took after the final mirror
        Run refused = two.a.run("storemulti", "", "user-move", "joe@example.org", "--to", "store-b", "--purge");
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("took 2 more messages since the move"), refused.toString());
        two.assertHolds(two.b, "joe", 12);
        Run purged = two.storemulti("user-move", "joe@example.org", "--to", "store-b", "--purge");
        assertTrue(purged.out().contains("the copy on store-a is deleted"), purged.toString());
        assertEquals(Map.of(), two.messageIds(two.a, "joe"));
        two.assertHolds(two.b, "joe", 12);
        assertTrue(record(two, "joe@example.org").contains("\nstep = purged\n"));
    }

    @Test
    void theTransportMapRoutesEveryUserOfEveryEnabledInstanceToItsLmtpSocketAndIsRecordedInTheMainCf()
            throws Exception {
        TwoInstances two = setUp();
        two.addUser(two.a, "joe");
        two.addUser(two.b, "Ann");
        try (var store = two.store(two.c())) {
            store.domains().add(TwoInstances.DOMAIN);
            store.mailboxes().addUser(TwoInstances.DOMAIN, "off");
        }
        Path map = root.resolve("transport");
        Run run = two.storemulti("--postfix-transport", map.toString());
        assertEquals("storemulti: " + map + ": 2 users routed; run postmap " + map + "\n", run.out());
        assertEquals("ann@example.org\tlmtp:unix:" + two.set.path("var/spool/store-b/private/lmtp") + "\n"
                + "joe@example.org\tlmtp:unix:" + two.set.path("var/spool/store-a/private/lmtp") + "\n", mapLines(map));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(map)));
        assertTrue(two.primaryConf("-n").out()
                .contains("storemulti_transport_map = " + map + "\n"));
    }

    private static String mapLines(Path map) throws Exception {
        StringBuilder lines = new StringBuilder();
        Files.readAllLines(map).stream().filter(l -> !l.startsWith("#")).forEach(l -> lines.append(l).append('\n'));
        return lines.toString();
    }
}
