package org.storemulti.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.db.Database;
import org.storemulti.store.db.Migrations;
import org.storemulti.store.fixture.LegacyStoreBuilder;
import org.storemulti.store.fixture.StoreListing;
import org.storemulti.store.mailbox.MailboxInfo;
import org.storemulti.store.message.MailboxHandle;
import org.storemulti.store.message.MessageRecord;
import org.storemulti.store.message.UidSet;

/**
 * Kill -9 a child JVM at random moments of the schema-2-to-3 upgrade, again and again on
 * the same store, then let an upgrade finish: the store ends exactly as one upgraded in one
 * go (the GUIDs are derived, so "exactly" includes them) and verifies clean. Between kills
 * the store is at version 2 or 3, never in between; a round that let the upgrade commit
 * starts the next one from a fresh version-2 copy, until three kills landed before the commit.
 */
class UpgradeCrashTest {

    @TempDir
    Path scratch;

    @Test
    void anUpgradeKilledAnywhereAndRerunEndsAsAnUninterruptedOne() throws Exception {
        Path source = scratch.resolve("source");
        LegacyStoreBuilder.build(source, 10, 300, 7);
        Path reference = scratch.resolve("reference");
        Trees.copy(source, reference);
        long upgradeNanos = killDuringUpgrade(reference, -1);
        List<String> expected = listing(reference);

        Path work = scratch.resolve("work");
        Trees.copy(source, work);
        Random random = new Random(11);
        int beforeCommit = 0;
        int afterCommit = 0;
        for (int round = 0; round < 20 && beforeCommit < 3; round++) {
            killDuringUpgrade(work, (long) (random.nextDouble() * upgradeNanos));
            int version = Database.peekVersion(work.resolve("store.db"));
            int latest = Migrations.all().size();
            assertTrue(version >= 2 && version <= latest, "round " + round + ": version " + version);
            if (version == 2) {
                beforeCommit++;
            } else {
                if (version == latest && afterCommit++ == 0) {
                    assertEquals(expected, listing(work), "killed after the commit");
                }
                Trees.delete(work); // start again from version 2: the kills that matter land before the commit
                Trees.copy(source, work);
            }
        }
        assertEquals(3, beforeCommit, "kills that landed before the upgrade committed");
        assertEquals(expected, listing(work), "upgraded on open after " + beforeCommit + " kills before the commit");
    }

    /**
     * Starts the child and kills it {@code delayNanos} after it says it is upgrading; with a
     * negative delay lets it finish and returns how long the upgrade took in the child.
     */
    private static long killDuringUpgrade(Path data, long delayNanos) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                UpgradeChild.class.getName(), data.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
            assertEquals("UPGRADING", out.readLine());
            long started = System.nanoTime();
            if (delayNanos < 0) {
                assertEquals("DONE", out.readLine());
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                return System.nanoTime() - started;
            }
            // the kill's moment is the experiment: a random point of the upgrade, not a synchronization
            LockSupport.parkNanos(delayNanos);
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            return System.nanoTime() - started;
        }
    }

    /** Everything the upgrade makes or keeps, GUIDs and modseqs included. */
    private static List<String> listing(Path data) {
        try (Store store = Store.open(data)) {
            List<String> lines = new ArrayList<>(StoreListing.of(store));
            for (MailboxInfo info : store.mailboxes().all("example.com")) {
                MailboxHandle mailbox = store.messages().mailbox("example.com", info.name());
                lines.add(info.name() + " " + info.guid() + " " + mailbox.state() + " " + mailbox.snapshot().keywords());
                for (MessageRecord record : mailbox.fetch(UidSet.ALL, false)) {
                    lines.add(record.uid() + " " + record.guid() + " " + record.modseq() + " " + record.flags().column());
                }
            }
            assertEquals(List.of(), store.tools().verify(false), data.toString());
            return lines;
        }
    }
}
