package org.storemulti.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.db.Migrations;
import org.storemulti.store.error.ConflictException;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MailboxHandle;
import org.storemulti.store.message.MailboxSnapshot;
import org.storemulti.store.message.MailboxState;
import org.storemulti.store.message.MessageRecord;
import org.storemulti.store.message.UidSet;
import org.storemulti.store.mime.MessageStructure;
import org.storemulti.store.tools.DatabaseTools;
import org.storemulti.store.tools.RestoreResult;
import org.storemulti.store.fixture.StoreListing;

/** A store written by the previous release (test-fixtures/store-v2) opens, upgrades and keeps everything. */
class PreviousReleaseUpgradeTest {

    static final Path FIXTURE = Path.of("..", "test-fixtures", "store-v2");

    @TempDir
    Path data;

    static void copyFixture(Path target) throws IOException {
        Trees.copy(FIXTURE.resolve("data"), target);
    }

    @Test
    void theUpgradeGivesEveryMessageAGuidModseqOneAndItsKeywordsAndParsesStructuresOnFirstRead() throws IOException {
        copyFixture(data);
        assertEquals(Migrations.all().size(), Store.upgrade(data), "storeadm db upgrade");
        try (Store store = Store.open(data)) {
            MailboxHandle inbox = store.messages().mailbox("example.com", "user/joe/INBOX");
            MailboxSnapshot snapshot = inbox.snapshot();
            assertEquals(1, snapshot.state().highestModseq());
            assertEquals(List.of("$Forwarded", "project-x"), snapshot.keywords());
            assertEquals(Flags.of("$Forwarded", "\\Flagged", "project-x"), snapshot.flags(0));
            List<MessageRecord> records = inbox.fetch(UidSet.ALL, true);
            assertEquals(7, records.stream().map(MessageRecord::guid).distinct().count());
            records.forEach(r -> assertEquals(1, r.modseq()));
            assertEquals("joe 1", records.get(0).structure().envelope().subject());
            MessageStructure sent = store.messages().mailbox("example.com", "user/joe/Sent").structure(1);
            assertEquals("a.bin", sent.part(2).parameter("name"));
            List<MessageRecord> twice = store.messages().mailbox("example.com", "user/ann/INBOX").fetch(UidSet.ALL, false);
            assertEquals(3, twice.stream().map(MessageRecord::guid).distinct().count(),
                    "one content delivered twice to one mailbox: two GUIDs");
            assertEquals(records.get(6).guid(), twice.get(0).guid(), "one file, the same message in two mailboxes");
            List<MailboxState> joes = store.messages().states("example.com", "user/joe");
            assertEquals(4, joes.size());
            assertEquals(4, joes.stream().map(MailboxState::guid).filter(g -> g.matches("[0-9a-f]{32}")).distinct().count());
            assertEquals(List.of(), store.tools().verify(false));
        }
    }

    @Test
    void aBackupOfThePreviousReleaseIsRestoredAndUpgraded(@TempDir Path backup) throws IOException {
        copyFixture(backup);
        List<String> expected = Files.readAllLines(FIXTURE.resolve("expected.txt"), UTF_8);
        RestoreResult restored = DatabaseTools.restore(data, backup, java.time.Clock.systemUTC());
        assertEquals(List.of(), restored.problems());
        try (Store store = Store.open(data)) {
            assertEquals(Migrations.all().size(), store.schemaVersion());
            assertEquals(expected, StoreListing.of(store));
        }
    }

    @Test
    void aBackupOfThePreviousReleaseMissingAMessageFileIsRefusedAndNothingChanges(@TempDir Path backup)
            throws IOException {
        copyFixture(backup);
        try (Stream<Path> files = Files.walk(backup.resolve("messages"))) {
            Files.delete(files.filter(Files::isRegularFile).findFirst().orElseThrow());
        }
        ConflictException refused = assertThrows(ConflictException.class,
                () -> DatabaseTools.restore(data, backup, java.time.Clock.systemUTC()));
        assertTrue(refused.getMessage().contains("is missing (the database references it)"), refused.getMessage());
        assertFalse(Files.exists(data.resolve("store.db")), "nothing restored");
    }

    @Test
    void everyMessageFlagAclQuotaAndAccountOfThePreviousReleaseIsKept() throws IOException {
        copyFixture(data);
        List<String> expected = Files.readAllLines(FIXTURE.resolve("expected.txt"), UTF_8);
        try (Store store = Store.open(data)) {
            assertEquals(Migrations.all().size(), store.schemaVersion());
            assertEquals(expected, StoreListing.of(store));
            assertEquals(List.of(), store.tools().verify(false));
        }
    }
}
