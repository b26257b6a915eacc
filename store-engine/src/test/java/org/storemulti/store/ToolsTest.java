package org.storemulti.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.message.Delivery;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MessageInfo;
import org.storemulti.store.tools.CheckpointResult;
import org.storemulti.store.tools.Problem;
import org.storemulti.store.tools.Problem.Kind;
import org.storemulti.store.tools.ReconstructResult;

class ToolsTest {

    static final String DOMAIN = "example.com";
    static final String INBOX = "user/joe/INBOX";

    @TempDir
    Path data;
    Store store;

    @BeforeEach
    void openWithThreeMessages() {
        store = Store.open(data);
        store.domains().add(DOMAIN);
        store.mailboxes().addUser(DOMAIN, "joe");
        for (String text : List.of("one", "two", "three")) {
            store.deliver(List.of(new Delivery(DOMAIN, INBOX, text.getBytes(UTF_8),
                    Instant.parse("2026-01-0" + text.length() + "T00:00:00Z"), Flags.NONE)));
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Path fileOf(long uid) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("store.db"));
                var rows = c.createStatement().executeQuery("SELECT b.path FROM message m JOIN message_file b"
                        + " ON b.id = m.file_id WHERE m.uid = " + uid)) {
            rows.next();
            return data.resolve("messages").resolve(rows.getString(1));
        }
    }

    private static void age(Path file) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    }

    @Test
    void aHealthyStoreVerifiesWithoutProblems() {
        assertEquals(List.of(), store.tools().verify(false));
    }

    @Test
    void verifyReportsAMissingFileAndRepairDropsItsMessage() throws Exception {
        Files.delete(fileOf(2));
        List<Problem> found = store.tools().verify(false);
        assertEquals(1, found.size());
        assertEquals(Kind.MISSING_FILE, found.get(0).kind());
        assertTrue(found.get(0).toString().endsWith(": referenced by example.com user/joe/INBOX uid 2"), found.toString());
        assertTrue(store.tools().verify(true).get(0).repaired());
        assertEquals(List.of(1L, 3L), store.messages().list(DOMAIN, INBOX).stream().map(MessageInfo::uid).toList());
        assertEquals(List.of(), store.tools().verify(false));
        assertEquals("onethree".length(), store.mailboxes().get(DOMAIN, INBOX).usedBytes());
    }

    @Test
    void verifyReportsOldOrphansAndTempFilesButNotFilesInFlight() throws Exception {
        Path bucket = fileOf(1).getParent();
        Path orphan = Files.writeString(bucket.resolve("0-orphan"), "x");
        Path temp = Files.writeString(bucket.resolve(".tmp-0-partial"), "x");
        assertEquals(List.of(), store.tools().verify(false), "young files may belong to a delivery in flight");
        age(orphan);
        age(temp);
        List<Problem> found = store.tools().verify(true);
        assertEquals(List.of(Kind.ORPHAN_FILE, Kind.TEMPORARY_FILE), found.stream().map(Problem::kind).toList());
        assertFalse(Files.exists(orphan));
        assertFalse(Files.exists(temp));
        assertEquals(List.of(), store.tools().verify(false));
    }

    @Test
    void verifyReportsAFileWhoseSizeChanged() throws Exception {
        Files.writeString(fileOf(3), "tampered", java.nio.file.StandardOpenOption.APPEND);
        List<Problem> found = store.tools().verify(true);
        assertEquals(1, found.size());
        assertEquals(Kind.SIZE_MISMATCH, found.get(0).kind());
        assertFalse(found.get(0).repaired());
    }

    @Test
    void reconstructKeepsFlagsAndDatesReaddsLostRowsAndDropsRowsWithoutFiles() throws Exception {
        store.messages().setFlags(DOMAIN, INBOX, 1, Flags.of(Flags.SEEN, "$Important"));
        Files.delete(fileOf(3));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("store.db"))) {
            c.createStatement().execute("DELETE FROM message WHERE uid = 2");
        }
        ReconstructResult result = store.tools().reconstruct(DOMAIN, INBOX);
        assertEquals(new ReconstructResult(DOMAIN, INBOX, 1, 1, 1), result);
        List<MessageInfo> messages = store.messages().list(DOMAIN, INBOX);
        assertEquals(List.of(1L, 4L), messages.stream().map(MessageInfo::uid).toList());
        assertEquals(Flags.of(Flags.SEEN, "$Important"), messages.get(0).flags());
        assertEquals(Instant.parse("2026-01-03T00:00:00Z"), messages.get(0).internalDate());
        assertEquals(Instant.parse("2026-01-03T00:00:00Z"), messages.get(1).internalDate(), "from the envelope");
        assertArrayEquals("two".getBytes(UTF_8), store.messages().read(DOMAIN, INBOX, 4));
        assertEquals(List.of(), store.tools().verify(false));
    }

    @Test
    void reconstructingATreeCoversEveryMailboxBelowItWithOneResultEach() throws Exception {
        store.mailboxes().addUserFolder(DOMAIN, "joe", "Sent");
        store.mailboxes().addUser(DOMAIN, "ann");
        store.deliver(List.of(Delivery.of(DOMAIN, "user/joe/Sent", "sent".getBytes(UTF_8)),
                Delivery.of(DOMAIN, "user/ann/INBOX", "ann's".getBytes(UTF_8))));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("store.db"))) {
            c.createStatement().execute("DELETE FROM message");
        }
        List<ReconstructResult> results = store.tools().reconstructTree(DOMAIN, "user/joe");
        assertEquals(List.of(new ReconstructResult(DOMAIN, INBOX, 0, 3, 0),
                new ReconstructResult(DOMAIN, "user/joe/Sent", 0, 1, 0)), results);
        assertEquals(0, store.messages().list(DOMAIN, "user/ann/INBOX").size());
        assertEquals(3, store.tools().reconstructTree(DOMAIN, "").size());
        assertEquals(1, store.messages().list(DOMAIN, "user/ann/INBOX").size());
        assertEquals(List.of(), store.tools().verify(false));
        assertThrows(NotFoundException.class, () -> store.tools().reconstructTree(DOMAIN, "user/nobody"));
    }

    @Test
    void verifyRepairsAMailboxUsageThatDisagreesWithItsMessages() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("store.db"))) {
            c.createStatement().execute("UPDATE mailbox SET used_bytes = 99999");
        }
        List<Problem> found = store.tools().verify(true);
        assertEquals(List.of(new Problem(Kind.USAGE_MISMATCH, "example.com user/joe/INBOX",
                "usage 99999 bytes, messages sum to 11", true)), found);
        assertEquals("onetwothree".length(), store.mailboxes().get(DOMAIN, INBOX).usedBytes());
        assertEquals(List.of(), store.tools().verify(false));
    }

    @Test
    void checkpointEmptiesTheWal() throws Exception {
        CheckpointResult result = store.tools().checkpoint();
        assertFalse(result.busy());
        assertEquals(0, Files.size(data.resolve("store.db-wal")));
    }

    @Test
    void theArchiveListNamesTheDatabaseAndEveryMessageFile() throws Exception {
        List<Path> files = store.tools().archiveList();
        assertEquals(data.toAbsolutePath().resolve("store.db"), files.get(0));
        assertTrue(files.containsAll(List.of(fileOf(1), fileOf(2), fileOf(3))));
        for (Path file : files) {
            assertTrue(Files.exists(file), file.toString());
        }
    }

    @Test
    void recoverRemovesLeftoversAndChecksEverything() throws Exception {
        Path temp = Files.writeString(fileOf(1).getParent().resolve(".tmp-0-crashed"), "x");
        age(temp);
        List<Problem> found = store.tools().recover();
        assertEquals(List.of(Kind.TEMPORARY_FILE), found.stream().map(Problem::kind).toList());
        assertFalse(Files.exists(temp));
    }
}
