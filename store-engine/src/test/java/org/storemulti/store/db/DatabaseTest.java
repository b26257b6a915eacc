package org.storemulti.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path directory;
    Database database;

    @BeforeEach
    void open() {
        database = Database.open(directory.resolve("store.db"), Migrations.all(), false, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void insertDomain(Session session, long id) throws java.sql.SQLException {
        session.update("INSERT INTO domain (id, name, enabled, anonymous) VALUES (?, ?, 1, 1)", id, "d" + id + ".org");
    }

    private long domains() {
        return database.read(session -> session.number("SELECT COUNT(*) FROM domain"));
    }

    @Test
    void aWriteThatThrowsLeavesNothingBehind() {
        assertThrows(IllegalArgumentException.class, () -> database.write(session -> {
            insertDomain(session, 1);
            throw new IllegalArgumentException("stop");
        }));
        assertEquals(0, domains());
    }

    @Test
    void aFailingWriteInsideABulkUndoesOnlyItself() {
        List<String> ran = new ArrayList<>();
        database.bulk(() -> {
            database.write(session -> {
                insertDomain(session, 1);
                return null;
            });
            assertThrows(IllegalArgumentException.class, () -> database.write(session -> {
                insertDomain(session, 2);
                throw new IllegalArgumentException("stop");
            }));
            database.afterCommit(() -> ran.add("files deleted"));
            assertEquals(0, ran.size(), "after-commit actions wait for the commit");
            assertEquals(1, domains(), "reads inside the bulk see its own changes");
        });
        assertEquals(1, ran.size());
        assertEquals(1, domains());
    }

    @Test
    void writesMayNotNest() {
        assertThrows(IllegalStateException.class, () -> database.write(outer -> database.write(inner -> null)));
        assertThrows(IllegalStateException.class, () -> database.bulk(() -> database.bulk(() -> { })));
        assertThrows(IllegalStateException.class, () -> database.bulk(
                () -> database.outsideTransaction(session -> null)));
    }
}
