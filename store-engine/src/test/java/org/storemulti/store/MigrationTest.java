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
    void anOlderStoreMustBeUpgradedAndUpgradeAppliesOnlyWhatIsMissing() {
        try (Store store = Store.open(data)) {
            store.domains().add("example.com");
        }
        StorageException outdated = assertThrows(StorageException.class,
                () -> Store.open(data, Clock.systemUTC(), withExtraVersion(), false));
        int current = Migrations.all().size();
        assertEquals(data.toAbsolutePath().resolve("store.db") + ": schema version " + current
                + ", this program needs " + (current + 1) + ": run the database upgrade", outdated.getMessage());
        assertEquals(current + 1, Store.upgrade(data, withExtraVersion()));
        assertEquals(current + 1, Store.upgrade(data, withExtraVersion()), "upgrading twice changes nothing");
        try (Store store = Store.open(data, Clock.systemUTC(), withExtraVersion(), false)) {
            assertEquals("example.com", store.domains().get("example.com").name());
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
