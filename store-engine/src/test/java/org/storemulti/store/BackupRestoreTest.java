package org.storemulti.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.error.AlreadyExistsException;
import org.storemulti.store.error.ConflictException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.message.Delivery;
import org.storemulti.store.message.DeliveryResult;
import org.storemulti.store.message.DeliveryResult.Stored;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MessageInfo;
import org.storemulti.store.tools.BackupResult;
import org.storemulti.store.tools.DatabaseTools;
import org.storemulti.store.tools.RestoreResult;

class BackupRestoreTest {

    static final String DOMAIN = "example.com";
    static final String INBOX = "user/joe/INBOX";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;
    @TempDir
    Path fresh;

    @Test
    void aBackupTakenWhileDeliveriesContinueRestoresEveryMessageAcknowledgedBeforeIt() throws Exception {
        Set<String> before = new HashSet<>();
        List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());
        BackupResult backup;
        try (Store store = Store.open(data)) {
            store.domains().add(DOMAIN);
            store.mailboxes().addUser(DOMAIN, "joe");
            for (int i = 0; i < 50; i++) {
                before.add(deliver(store, "before " + i));
            }
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    all.add(deliver(store, "during " + i));
                }
            });
            writer.start();
            while (all.size() < 20) {
                Thread.sleep(5);
            }
            backup = store.tools().backup();
            int duringAtBackupEnd = all.size();
            while (all.size() < duringAtBackupEnd + 20) {
                Thread.sleep(5);
            }
            stop.set(true);
            writer.join();
            assertEquals(before.size() + all.size(), store.messages().list(DOMAIN, INBOX).size());
        }
        assertTrue(backup.directory().getFileName().toString().startsWith("STORE_Backup_"));
        assertTrue(backup.linked() >= before.size(), "message files are hard-linked, not copied");
        assertEquals(data.toAbsolutePath().resolve("backup"), backup.directory().getParent());

        RestoreResult restored = DatabaseTools.restore(fresh, backup.directory(), CLOCK);
        assertEquals(List.of(), restored.problems());
        assertEquals(List.of(), restored.setAside());
        try (Store store = Store.open(fresh)) {
            Set<String> texts = new HashSet<>();
            for (MessageInfo info : store.messages().list(DOMAIN, INBOX)) {
                texts.add(new String(store.messages().read(DOMAIN, INBOX, info.uid()), UTF_8));
            }
            assertTrue(texts.containsAll(before), "every message acknowledged before the backup");
            assertTrue(texts.size() > before.size(), "and some delivered during it");
            assertTrue(all.containsAll(texts.stream().filter(t -> t.startsWith("during")).toList()));
            assertEquals(List.of(), store.tools().verify(false));
            assertInstanceOf(Stored.class, store.deliver(List.of(Delivery.of(DOMAIN, INBOX, new byte[3]))).get(0));
        }
    }

    @Test
    void restoreSetsTheCurrentDataAsideAndBringsBackTheBackedUpState() throws Exception {
        BackupResult backup;
        try (Store store = Store.open(data, CLOCK)) {
            store.domains().add(DOMAIN);
            store.mailboxes().addUser(DOMAIN, "joe");
            deliver(store, "kept");
            store.messages().setFlags(DOMAIN, INBOX, 1, Flags.of(Flags.SEEN));
            backup = store.tools().backup();
            deliver(store, "after the backup");
            store.domains().add("later.org");
        }
        RestoreResult restored = DatabaseTools.restore(data, backup.directory(), CLOCK);
        assertEquals(List.of(data.toAbsolutePath().resolve("store.db.asof20261123100000"),
                data.toAbsolutePath().resolve("messages.asof20261123100000")), restored.setAside());
        assertEquals(List.of(), restored.problems());
        try (Store store = Store.open(data)) {
            List<MessageInfo> messages = store.messages().list(DOMAIN, INBOX);
            assertEquals(1, messages.size());
            assertEquals(Flags.of(Flags.SEEN), messages.get(0).flags());
            assertThrows(NotFoundException.class, () -> store.domains().get("later.org"));
        }
        assertTrue(Files.isDirectory(data.resolve("messages.asof20261123100000")));
    }

    @Test
    void aMessageWhoseFileVanishesBeforeItIsLinkedIsLeftOutAndTheBackupStaysConsistent() throws Exception {
        BackupResult backup;
        try (Store store = Store.open(data, CLOCK)) {
            store.domains().add(DOMAIN);
            store.mailboxes().addUser(DOMAIN, "joe");
            deliver(store, "stays");
            deliver(store, "vanishes");
            try (var files = Files.walk(data.resolve("messages"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    if (Files.readString(file, UTF_8).endsWith("vanishes")) {
                        Files.delete(file);
                    }
                }
            }
            backup = store.tools().backup(fresh.resolve("copy"));
        }
        assertEquals(1, backup.expungedMeanwhile());
        assertEquals(1, backup.linked());
        Path target = fresh.resolve("restored");
        assertEquals(List.of(), DatabaseTools.restore(target, backup.directory(), CLOCK).problems());
        try (Store store = Store.open(target)) {
            assertEquals(1, store.messages().list(DOMAIN, INBOX).size());
            assertEquals("stays".length(), store.mailboxes().get(DOMAIN, INBOX).usedBytes());
        }
    }

    @Test
    void restoreRefusesWhileTheStoreIsOpenAndBackupRefusesAnExistingTarget() {
        try (Store store = Store.open(data, CLOCK)) {
            BackupResult backup = store.tools().backup();
            assertThrows(AlreadyExistsException.class, () -> store.tools().backup(backup.directory()));
            ConflictException e = assertThrows(ConflictException.class,
                    () -> DatabaseTools.restore(data, backup.directory(), CLOCK));
            assertTrue(e.getMessage().endsWith("data directory is in use (a daemon or another tool has the store open)"));
            assertEquals(List.of(backup.directory()), store.tools().listBackups());
        }
        assertThrows(NotFoundException.class, () -> DatabaseTools.restore(data, fresh.resolve("none"), CLOCK));
    }

    private static String deliver(Store store, String text) {
        DeliveryResult result = store.batcher().deliver(Delivery.of(DOMAIN, INBOX, text.getBytes(UTF_8)));
        assertInstanceOf(Stored.class, result);
        return text;
    }
}
