package org.storemulti.store.db;

import java.time.Clock;
import java.util.List;
import org.storemulti.store.error.StorageException;

/** Brings a database to the newest schema version, one migration per transaction. */
final class SchemaUpgrade {

    private final Database database;
    private final List<Migration> migrations;
    private final Clock clock;

    SchemaUpgrade(Database database, List<Migration> migrations, Clock clock) {
        this.database = database;
        this.migrations = migrations;
        this.clock = clock;
    }

    void run(boolean upgrade) {
        database.write(session -> {
            session.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                    + " description VARCHAR(255) NOT NULL, applied_at BIGINT NOT NULL)");
            return null;
        });
        int current = currentVersion();
        int newest = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
        if (current > newest) {
            throw new StorageException(database.file().toString(), "schema version " + current
                    + " is newer than this program knows (" + newest + ")");
        }
        if (current > 0 && current < newest && !upgrade) {
            throw new StorageException(database.file().toString(), "schema version " + current
                    + ", this program needs " + newest + ": run the database upgrade");
        }
        for (Migration migration : migrations) {
            if (migration.version() > current) {
                apply(migration);
            }
        }
    }

    private int currentVersion() {
        return database.read(session -> session.number("SELECT MAX(version) FROM schema_version")).intValue();
    }

    private void apply(Migration migration) {
        database.write(session -> {
            if (session.number("SELECT COUNT(*) FROM schema_version WHERE version = ?",
                    migration.version()) > 0) {
                return null; // another process applied it meanwhile
            }
            for (String statement : migration.statements()) {
                session.execute(statement);
            }
            if (migration.code() != null) {
                migration.code().run(session);
            }
            session.update("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                    migration.version(), migration.description(), clock.millis());
            return null;
        });
    }

    /** The version the database is at, for reports. */
    static int versionOf(Database database) {
        return database.read(session -> session.number("SELECT MAX(version) FROM schema_version")).intValue();
    }
}
