package org.storemulti.store.tools;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.fs.DirectorySync;
import org.storemulti.store.Store;
import org.storemulti.store.db.Database;
import org.storemulti.store.db.Migrations;
import org.storemulti.store.message.Delivery;
import org.storemulti.store.message.DeliveryResult;
import org.storemulti.store.message.MessageEnvelope;
import org.storemulti.store.message.MessageFiles;
import org.storemulti.store.message.StagedFile;

/** Issue 17 item 12: the sweep removes crash leftovers, and nothing a write still needs. */
class SweeperTest {

    @TempDir
    Path data;

    private static void age(Path file, Duration by) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(by)));
    }

    private Path plant(String relative, String text, Duration age) throws IOException {
        Path file = data.resolve("messages").resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        age(file, age);
        return file;
    }

    @Test
    void oldTempAndOrphanFilesGoAndReferencedOrYoungFilesStay() throws IOException {
        try (Store store = Store.open(data)) {
            store.domains().add("example.com");
            store.mailboxes().addUser("example.com", "joe");
            assertInstanceOf(DeliveryResult.Stored.class, store.batcher().deliver(
                    Delivery.of("example.com", "user/joe/INBOX", "kept".getBytes(UTF_8))));
            Path kept;
            try (var files = Files.walk(data.resolve("messages"))) {
                kept = files.filter(Files::isRegularFile).findFirst().orElseThrow();
            }
            age(kept, Duration.ofDays(1));
            Path temp = plant("ab/.tmp-1a-2b", "partial", Duration.ofMinutes(3));
            Path orphan = plant("ab/1a-3c", "X-Store-Envelope: v=1; date=1; rcpt=\r\n\r\nlost", Duration.ofHours(2));
            Path young = plant("ab/1a-4d", "just written by another process", Duration.ofSeconds(5));

            List<Problem> removed = store.tools().sweep();

            assertEquals(List.of("orphan-file ab/1a-3c: no index row references it (repaired)",
                    "temporary-file ab/.tmp-1a-2b: left by an interrupted write (repaired)"),
                    removed.stream().map(Problem::toString).sorted().toList());
            assertFalse(Files.exists(temp));
            assertFalse(Files.exists(orphan));
            assertTrue(Files.exists(kept), "a referenced file stays, however old");
            assertTrue(Files.exists(young), "a file younger than " + Sweeper.SETTLE + " may be another writer's");
            assertEquals(List.of(), store.tools().sweep());
        }
    }

    /** A write that started an hour ago and is not committed yet protects every file younger than its start. */
    @Test
    void filesYoungerThanTheOldestWriteInFlightStayUntilItSettles() throws IOException {
        Clock now = Clock.systemUTC();
        Clock anHourAgo = Clock.offset(now, Duration.ofHours(-1));
        Store.open(data).close();
        try (Database database = Database.open(data.resolve("store.db"), Migrations.all(), false, now)) {
            MessageFiles files = new MessageFiles(data.resolve("messages"), DirectorySync.NONE, anHourAgo);
            Sweeper sweeper = new Sweeper(database, files, now);
            StagedFile staged = files.write("in flight".getBytes(UTF_8), new MessageEnvelope(Instant.now(), List.of()));
            age(files.resolve(staged.path()), Duration.ofMinutes(50));
            plant("cd/1b-1", "older than the write in flight", Duration.ofHours(2));
            plant("cd/1b-2", "younger than the write in flight", Duration.ofMinutes(30));

            assertEquals(List.of("orphan-file cd/1b-1: no index row references it (repaired)"),
                    sweeper.run().stream().map(Problem::toString).toList());
            files.settled(List.of(staged));
            assertEquals(2, sweeper.run().size(), "once settled, the write's file and the younger orphan are judged");
        }
    }
}
