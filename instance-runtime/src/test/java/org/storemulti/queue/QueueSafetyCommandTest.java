package org.storemulti.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


/**
 * A queue never throws mail away, through the queue commands on real files and real stores:
 * {@code deliver} refuses an unknown recipient up front, {@code move} checks the target's
 * recipients, leaves damaged files and symbolic links, and reports every message it left
 * with a non-zero exit; {@code stat} counts messages a move has staged.
 */
class QueueSafetyCommandTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));


    /** An instance whose store of example.com has the given users; its configuration directory. */
    private String instance(String name, String... users) throws IOException {
        return QueueCli.instance(dir, name, users).toString();
    }

    private Path spool(String name) {
        return dir.resolve(name).resolve("spool");
    }

    private QueueCli run(String stdin, String... args) {
        return QueueCli.run(clock, stdin, args);
    }

    private QueueId deliver(String instance, String... recipients) {
        List<String> args = new java.util.ArrayList<>(List.of("-c", instance, "deliver", "-f", "s@example.org"));
        args.addAll(List.of(recipients));
        QueueCli r = run("Subject: t\n\nbody\n", args.toArray(String[]::new));
        assertEquals(0, r.status(), r.toString());
        return new QueueId(r.out().strip());
    }

    @Test
    void deliverRefusesAnUnknownRecipientUpFrontAndQueuesNothing() throws IOException {
        String a = instance("a", "MixedCase");
        QueueCli refused = run("Subject: t\n\nbody\n", "-c", a, "deliver", "mixedcase@example.com", "nosuch@example.com");
        assertEquals(new QueueCli(1, "", "queue: fatal: nothing queued: 550 5.1.1 <nosuch@example.com>: no such user\n"), refused);
        assertEquals(0, QueueDirectories.messageCount(spool("a")));
        deliver(a, "mixedcase@Example.com", "MIXEDCASE@example.com");
        assertEquals(1, QueueDirectories.messageCount(spool("a")));
    }

    @ParameterizedTest(name = "copy={0}")
    @ValueSource(booleans = {false, true})
    void moveLeavesAMessageWhoseRecipientTheTargetLacksOrPutsItOnHoldThere(boolean copy) throws IOException {
        String a = instance("a", "joe", "ann");
        String b = instance("b", "ann");
        QueueId forJoe = deliver(a, "ann@example.com", "joe@example.com");
        QueueId forAnn = deliver(a, "ann@example.com");
        String flag = copy ? "--copy" : "--all";

        QueueCli refused = copy ? run("", "-c", a, "move", "--to", b, "--copy", forJoe.value(), forAnn.value())
                : run("", "-c", a, "move", "--to", b, "--all");
        assertEquals(1, refused.status(), flag + ": " + refused);
        assertEquals("queue: " + forJoe + ": not moved: queue " + spool("b") + " would refuse 550 5.1.1"
                + " <joe@example.com>: no such user (add the recipients there, or move with --hold-unknown)\n", refused.err());
        assertEquals(forAnn + ": moved to " + spool("b") + "\n", refused.out());
        assertEquals(QueueState.MAILDROP, QueueDirectories.of(spool("a")).locate(forJoe).orElseThrow().state());

        QueueCli held = run("", "-c", a, "move", "--to", b, "--hold-unknown", forJoe.value());
        assertEquals(0, held.status(), held.toString());
        assertEquals(forJoe + ": moved to " + spool("b") + ", on hold there: it would refuse 550 5.1.1 <joe@example.com>:"
                + " no such user\n", held.out());
        assertEquals(QueueState.HOLD, QueueDirectories.of(spool("b")).locate(forJoe).orElseThrow().state());
        assertEquals(0, QueueDirectories.messageCount(spool("a")));
    }

    @ParameterizedTest(name = "copy={0}")
    @ValueSource(booleans = {false, true})
    void moveAllLeavesADamagedMessageAndExitsNonZero(boolean copy) throws IOException {
        String a = instance("a", "ann");
        String b = instance("b", "ann");
        QueueId damaged = deliver(a, "ann@example.com");
        QueueId intact = deliver(a, "ann@example.com");
        Path file = QueueDirectories.of(spool("a")).locate(damaged).orElseThrow().path();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 2] ^= 1; // one bit of the body: the checksum no longer matches
        Files.write(file, bytes);

        QueueCli moved = copy ? run("", "-c", a, "move", "--to", b, "--all", "--copy") : run("", "-c", a, "move", "--to", b, "--all");
        assertEquals(1, moved.status(), moved.toString());
        assertTrue(moved.err().startsWith("queue: " + damaged + ": queue " + spool("a") + ": " + damaged
                + ": not moved, damaged: message checksum "), moved.err());
        assertEquals(intact + ": moved to " + spool("b") + "\n", moved.out());
        assertTrue(Files.exists(file), "the damaged message stays where it was");
        assertFalse(QueueDirectories.of(spool("b")).locate(damaged).isPresent());
    }

    @ParameterizedTest(name = "copy={0}")
    @ValueSource(booleans = {false, true})
    void moveRefusesASymbolicLinkWhereAQueueFileShouldBe(boolean copy) throws IOException {
        String a = instance("a", "ann");
        String b = instance("b", "ann");
        QueueId id = deliver(a, "ann@example.com");
        QueueDirectories qa = QueueDirectories.of(spool("a"));
        Path real = qa.locate(id).orElseThrow().path();
        Path elsewhere = Files.move(real, dir.resolve("outside-the-queue"));
        Path link = qa.file(QueueState.DEFERRED, id);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, elsewhere);

        QueueCli moved = copy ? run("", "-c", a, "move", "--to", b, "--copy", id.value()) : run("", "-c", a, "move", "--to", b, "--all");
        assertEquals(1, moved.status(), moved.toString());
        assertTrue(moved.err().contains(id + ": is a symbolic link in deferred, not a queue file: not moved"), moved.err());
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.exists(elsewhere), "what the link points to is untouched");
        QueueCli verify = run("", "-c", a, "verify");
        assertEquals(1, verify.status(), verify.toString());
        assertTrue(verify.out().contains(link + ": a symbolic link, not a queue file"), verify.out());
        assertEquals(List.of(), QueueDirectories.of(spool("b")).list(QueueState.INCOMING));
    }

    @Test
    void statCountsMessagesStagedByAMoveInProgress() throws IOException {
        String a = instance("a", "ann");
        deliver(a, "ann@example.com");
        QueueId staged = deliver(a, "ann@example.com");
        QueueDirectories qa = QueueDirectories.of(spool("a"));
        Files.move(qa.locate(staged).orElseThrow().path(), qa.moveDirectory().resolve(staged.value()));
        assertEquals("messages in queue: 2\nmessages in queue but not yet preprocessed: 1\n", run("", "-c", a, "stat").out());
    }
}
