package org.storemulti.store.tools;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.Store;
import org.storemulti.store.error.ConflictException;
import org.storemulti.store.error.StorageException;
import org.storemulti.store.message.Delivery;
import org.storemulti.store.message.DeliveryResult;

/**
 * Issue 17 item 4: restore checks a backup completely before it touches the live store,
 * refuses an incomplete or damaged one, and puts the previous store back when the swap
 * fails; item 5: a backup is private.
 */
class RestoreSafetyTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;
    @TempDir
    Path elsewhere;
    Path backup;

    @BeforeEach
    void aStoreWithABackupAndMoreMailSince() {
        try (Store store = Store.open(data, CLOCK)) {
            store.domains().add("example.com");
            store.mailboxes().addUser("example.com", "joe");
            for (int i = 0; i < 5; i++) {
                deliver(store, "in the backup " + i);
            }
            backup = store.tools().backup(elsewhere.resolve("backups/store-a")).directory();
            deliver(store, "after the backup");
        }
    }

    private static void deliver(Store store, String text) {
        assertInstanceOf(DeliveryResult.Stored.class,
                store.batcher().deliver(Delivery.of("example.com", "user/joe/INBOX", text.getBytes(UTF_8))));
    }

    private long messagesInLiveStore() {
        try (Store store = Store.open(data)) {
            return store.messages().status("example.com", "user/joe/INBOX").messages();
        }
    }

    private List<String> dataDirectoryEntries() throws IOException {
        try (Stream<Path> list = Files.list(data)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void assertRefusedAndUntouched(String expected) throws IOException {
        List<String> before = dataDirectoryEntries();
        ConflictException e = assertThrows(ConflictException.class, () -> DatabaseTools.restore(data, backup, CLOCK));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().endsWith("nothing was changed"), e.getMessage());
        assertEquals(before, dataDirectoryEntries(), "nothing set aside, no staging left");
        assertEquals(6, messagesInLiveStore(), "the live store is the one it was");
    }

    @Test
    void aBackupWithoutManifestIsAnInterruptedOneAndIsRefused() throws IOException {
        Files.delete(backup.resolve("MANIFEST"));
        assertRefusedAndUntouched("incomplete backup: no MANIFEST");
    }

    @Test
    void aBackupMissingAMessageFileIsRefused() throws IOException {
        try (Stream<Path> files = Files.walk(backup.resolve("messages"))) {
            Files.delete(files.filter(Files::isRegularFile).findFirst().orElseThrow());
        }
        assertRefusedAndUntouched("is missing (the database references it)");
    }

    @Test
    void aBackupWhoseDatabaseIsNotTheOneItsManifestDescribesIsRefused() throws IOException {
        Files.writeString(backup.resolve("store.db"), "x", StandardOpenOption.APPEND);
        assertRefusedAndUntouched("store.db is not the one the backup's MANIFEST describes");
    }

    @Test
    void aManifestThatPromisesMoreThanTheBackupHoldsIsRefused() throws IOException {
        Path manifest = backup.resolve("MANIFEST");
        Files.writeString(manifest, Files.readString(manifest).replace("messages 5", "messages 6"));
        assertRefusedAndUntouched("its MANIFEST says");
    }

    @Test
    void aFailureAfterTheSwapPutsThePreviousStoreBack() throws IOException {
        List<String> before = dataDirectoryEntries();
        for (String step : List.of("set aside", "swapped")) {
            StorageException e = assertThrows(StorageException.class, () -> Restore.run(data, backup, CLOCK, at -> {
                if (at.equals(step)) {
                    throw new IOException("disk gone at " + step);
                }
            }));
            assertTrue(e.getMessage().contains("the previous store is back in place: disk gone at " + step),
                    e.getMessage());
            assertEquals(before, dataDirectoryEntries(), step);
            assertEquals(6, messagesInLiveStore(), step);
        }
        RestoreResult restored = DatabaseTools.restore(data, backup, CLOCK);
        assertEquals(5, restored.messages());
        assertEquals(5, messagesInLiveStore());
        try (Store store = Store.open(data)) {
            assertEquals(List.of(), store.tools().verify(false));
        }
    }

    @Test
    void aBackupElsewhereIsPrivateAndItsMessageFilesTooWhereTheyLie() throws IOException {
        for (Path directory : List.of(elsewhere.resolve("backups"), backup, backup.resolve("messages"))) {
            assertEquals("rwx------", mode(directory), directory.toString());
        }
        try (Stream<Path> files = Files.walk(backup)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertEquals("rw-------", mode(file), file.toString());
            }
        }
        try (Stream<Path> files = Files.walk(data.resolve("messages"))) {
            assertFalse(files.anyMatch(f -> Files.isRegularFile(f) && !mode(f).equals("rw-------")),
                    "hard links share their file's mode: the live message files are private too");
        }
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
