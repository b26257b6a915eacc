package org.storemulti.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.db.Migration;
import org.storemulti.store.db.Migrations;
import org.storemulti.store.error.ConflictException;
import org.storemulti.store.error.StorageException;

class MigrationTest {

    @TempDir
    Path data;

    static List<Migration> withExtraVersion() {
        List<Migration> migrations = new ArrayList<>(Migrations.all());
        migrations.add(new Migration(Migrations.all().size() + 1, "test: a note per domain",
                List.of("CREATE TABLE domain_note (domain_id INTEGER NOT NULL REFERENCES domain(id), note VARCHAR(80))")));
        return migrations;
    }

    @Test
    void aNewStoreIsCreatedAtTheNewestVersion() {
        try (Store store = Store.open(data)) {
            assertEquals(Migrations.all().size(), store.schemaVersion());
        }
    }

    @Test
    void anOlderStoreIsUpgradedWhenOpenedAndUpgradeAppliesOnlyWhatIsMissing() {
        try (Store store = Store.open(data)) {
            store.domains().add("example.com");
        }
        int current = Migrations.all().size();
        try (Store store = Store.open(data, Clock.systemUTC(), withExtraVersion(), false)) {
            assertEquals(current + 1, store.schemaVersion());
            assertEquals("example.com", store.domains().get("example.com").name());
        }
        assertEquals(current + 1, Store.upgrade(data, withExtraVersion()), "upgrading twice changes nothing");
    }

    @Test
    @SuppressWarnings("try")
    void anOlderStoreInUseIsRefusedWithTheFix() {
        try (Store store = Store.open(data)) {
            store.domains().add("example.com");
            ConflictException inUse = assertThrows(ConflictException.class,
                    () -> Store.open(data, Clock.systemUTC(), withExtraVersion(), false));
            int current = Migrations.all().size();
            assertEquals(data.toAbsolutePath() + ": schema version " + current + " must be upgraded to " + (current + 1)
                    + " first, but the data directory is in use (a daemon or another tool has the store open):"
                    + " stop it, then run storeadm db upgrade or start the daemon", inUse.getMessage());
        }
        try (Store store = Store.open(data)) {
            assertEquals(Migrations.all().size(), store.schemaVersion(), "the refused open changed nothing");
        }
    }

    @Test
    void aNewerStoreIsRefusedByAnOlderProgram() {
        Store.upgrade(data, withExtraVersion());
        StorageException newer = assertThrows(StorageException.class, () -> Store.open(data));
        int current = Migrations.all().size();
        assertEquals(data.toAbsolutePath().resolve("store.db") + ": schema version " + (current + 1)
                + " is newer than this program knows (" + current + ")", newer.getMessage());
    }

    @Test
    @SuppressWarnings("try")
    void upgradeNeedsTheDataDirectoryToItself() {
        try (Store store = Store.open(data)) {
            assertThrows(ConflictException.class, () -> Store.upgrade(data));
        }
        assertEquals(Migrations.all().size(), Store.upgrade(data));
    }
}
