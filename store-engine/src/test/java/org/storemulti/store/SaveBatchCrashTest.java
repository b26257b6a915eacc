package org.storemulti.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.message.Delivery;
import org.storemulti.store.message.Flags;

/**
 * Kill -9 while save batches commit, hard-linked from another store and written with their
 * fsyncs in flight together: every message a commit acknowledged is there after reopening, with
 * its bytes; the target verifies clean once the killed writes' leftovers are recovered, and the
 * source, whose files the target linked, is untouched.
 */
class SaveBatchCrashTest {

    static final String DOMAIN = "example.org";
    static final String INBOX = "user/joe/INBOX";
    static final int SOURCE_MAILBOXES = 40;
    static final int PER_MAILBOX = 30;

    @TempDir
    Path temp;

    record Ack(String mailbox, long uid, String what) {
    }

    static byte[] message(String name) {
        Random random = new Random(name.hashCode());
        return ("Subject: " + name + "\r\n\r\n" + "y".repeat(100 + random.nextInt(30_000)) + "\r\n").getBytes(UTF_8);
    }

    @Test
    void everyAcknowledgedSaveSurvivesAKillAndBothStoresVerifyClean() throws Exception {
        Path source = temp.resolve("source");
        Path target = temp.resolve("target");
        try (Store a = Store.open(source); Store b = Store.open(target)) {
            a.domains().add(DOMAIN);
            a.mailboxes().addUser(DOMAIN, "joe");
            b.domains().add(DOMAIN);
            b.mailboxes().addUser(DOMAIN, "joe");
            for (int k = 0; k < SOURCE_MAILBOXES; k++) {
                a.mailboxes().addUserFolder(DOMAIN, "joe", "m" + k);
                for (int i = 0; i < PER_MAILBOX; i++) {
                    a.deliver(List.of(new Delivery(DOMAIN, "user/joe/m" + k, message("m" + k + "-" + i), null,
                            Flags.NONE)));
                }
            }
        }
        List<Path> sourceFiles = files(source);
        List<Ack> acknowledged = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            acknowledged.addAll(runAndKill(source, target, "r" + round, round * SOURCE_MAILBOXES / 2, 60 + 40 * round));
            try (Store a = Store.open(source); Store b = Store.open(target)) {
                for (Ack ack : acknowledged) {
                    byte[] expected = ack.what().startsWith("new:") ? message(ack.what().substring(4))
                            : a.messages().read(DOMAIN, "user/joe/" + ack.what(), ack.uid());
                    assertArrayEquals(expected, b.messages().read(DOMAIN, ack.mailbox(), ack.uid()), ack.toString());
                }
                assertEquals(List.of(), a.tools().verify(false), "the source after kill " + round);
            }
        }
        assertEquals(sourceFiles, files(source), "the source's files are as they were");
        assertTrue(acknowledged.stream().anyMatch(ack -> ack.what().startsWith("m")), "linked batches ran");
        assertTrue(acknowledged.stream().anyMatch(ack -> ack.what().startsWith("new:")), "written batches ran");
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        try (Store b = Store.open(target, later)) {
            b.tools().recover();
            assertEquals(List.of(), b.tools().verify(false), "leftovers of killed saves are gone");
        }
    }

    private static List<Path> files(Path data) throws Exception {
        try (Stream<Path> all = Files.walk(data.resolve("messages"))) {
            return all.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static List<Ack> runAndKill(Path source, Path target, String tag, int firstMailbox, int killAfter)
            throws Exception {
        return AckingChild.runAndKill(SaveBatchCrashChild.class, killAfter, () -> { }, source.toString(),
                target.toString(), tag, Integer.toString(firstMailbox))
                .stream().filter(f -> f.length == 3).map(f -> new Ack(f[0], Long.parseLong(f[1]), f[2])).toList();
    }
}
