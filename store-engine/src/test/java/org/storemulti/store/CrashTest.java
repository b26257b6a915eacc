package org.storemulti.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        return AckingChild.runAndKill(CrashChild.class, killAfter, this::whileTheChildRuns, data.toString(), tag)
                .stream().filter(f -> f.length == 3).map(f -> new Ack(f[0], Long.parseLong(f[1]), f[2])).toList();
    }

    /** Another process may read the live store but not take it over. */
    private void whileTheChildRuns() {
        assertThrows(ConflictException.class, () -> Store.upgrade(data));
        try (Store reader = Store.open(data)) {
            assertTrue(reader.messages().status(DOMAIN, "user/u0/INBOX").messages() > 0);
        }
    }
}
