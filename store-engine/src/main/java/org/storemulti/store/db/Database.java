package org.storemulti.store.db;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.storemulti.fs.FileModes;
import org.storemulti.store.data.SqliteLibrary;
import org.storemulti.store.error.StorageException;

/**
 * The store's SQLite database: one writer connection whose every transaction is an
 * explicit {@code BEGIN IMMEDIATE ... COMMIT} (never the driver's auto-commit switch, which
 * would keep the write lock between transactions), plus a few reader connections.
 *
 * <p>WAL with {@code synchronous=FULL} makes every commit durable; the busy timeout lets an
 * admin tool and a running daemon share the file.
 */
public final class Database implements AutoCloseable {

    /** How long a writer waits for another process's write lock. */
    static final int BUSY_TIMEOUT_MILLIS = 15_000;
    private static final int READERS = 4;

    private final Path file;
    private final Connection writer;
    /** Fair, so an admin operation queued behind group commits gets its turn. */
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final BlockingQueue<Connection> idleReaders = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> allReaders = new ArrayList<>();
    /** Guarded by {@link #writeLock}: set while a {@link #bulk} transaction runs. */
    private boolean inBulk;
    private long savepoints;
    private final List<Runnable> afterCommit = new ArrayList<>();

    private Database(Path file, Connection writer) {
        this.file = file;
        this.writer = writer;
    }

    /**
     * Opens {@code file}, creating the schema when the database is new. An existing
     * database must be at the newest version unless {@code upgrade} applies what is missing.
     */
    public static Database open(Path file, List<Migration> migrations, boolean upgrade, Clock clock) {
        Database database;
        try {
            createPrivately(file);
            database = new Database(file, connect(file));
        } catch (SQLException e) {
            throw new StorageException(file.toString(), e);
        }
        try {
            new SchemaUpgrade(database, migrations, clock).run(upgrade);
            database.restrictModes();
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * SQLite makes a new database file 0644 and gives its {@code -wal} and {@code -shm} the
     * database file's mode: an empty file made 0600 first (SQLite takes it as a new database)
     * keeps all three private, whatever the umask.
     */
    private static void createPrivately(Path file) {
        try {
            FileModes.create(file).close();
        } catch (FileAlreadyExistsException e) {
            // an existing database: restrictModes fixes what an older version left
        } catch (IOException e) {
            throw new StorageException(file.toString(), e);
        }
    }

    /**
     * The schema version of the database in {@code file} without opening it as a store: 0
     * when the file or its version table does not exist yet. (SQLite's catalogue, like the
     * rest of the connection set-up here.)
     */
    public static int peekVersion(Path file) {
        if (!Files.exists(file)) {
            return 0;
        }
        try (Connection connection = connect(file);
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet table = statement.executeQuery(
                        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")) {
            if (!table.next() || table.getInt(1) == 0) {
                return 0;
            }
            try (java.sql.Statement query = connection.createStatement();
                    java.sql.ResultSet version = query.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                return version.next() ? version.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new StorageException(file.toString(), e);
        }
    }

    /**
     * The database, its WAL and shared-memory files 0600, fixing what an older version or
     * SQLite made; files of another user (who may share them on purpose) are left to
     * {@code storectl check} and {@code set-permissions}.
     */
    private void restrictModes() {
        String user = System.getProperty("user.name");
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path each = file.resolveSibling(file.getFileName() + suffix);
            try {
                if (Files.getOwner(each, LinkOption.NOFOLLOW_LINKS).getName().equals(user)) {
                    FileModes.setMode(each, FileModes.PRIVATE_FILE);
                }
            } catch (NoSuchFileException e) {
                // no WAL yet, or already checkpointed away
            } catch (IOException e) {
                throw new StorageException(each + ": cannot make it private (mode 0600)", e);
            }
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** The schema version the database is at. */
    public int schemaVersion() {
        return SchemaUpgrade.versionOf(this);
    }

    /**
     * Runs {@code work} in one write transaction; rolls back if it throws. Inside
     * {@link #bulk} it joins the bulk transaction as a savepoint instead.
     */
    public <T> T write(Work<T> work) {
        if (writeLock.isHeldByCurrentThread()) {
            if (!inBulk) {
                throw new IllegalStateException("nested write transaction on " + file);
            }
            return inSavepoint(work);
        }
        writeLock.lock();
        try {
            return inTransaction(writer, "BEGIN IMMEDIATE", work);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Runs {@code work} in one read transaction on a reader connection (a consistent
     * snapshot). Inside {@link #bulk} it reads on the bulk transaction, seeing its changes.
     */
    public <T> T read(Work<T> work) {
        if (writeLock.isHeldByCurrentThread() && inBulk) {
            return inSavepoint(work);
        }
        Connection reader = takeReader();
        try {
            return inTransaction(reader, "BEGIN", work);
        } finally {
            idleReaders.offer(reader);
        }
    }

    /**
     * Runs {@code body} as one write transaction with one durable commit: every
     * {@link #write} it makes becomes a savepoint, so a failing operation undoes only
     * itself and the caller may catch its exception and go on. The commit happens when
     * {@code body} returns; if it throws, everything is rolled back. Actions passed to
     * {@link #afterCommit} meanwhile run after the commit (and are dropped on rollback).
     */
    public void bulk(Runnable body) {
        if (writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("bulk transaction inside another on " + file);
        }
        writeLock.lock();
        List<Runnable> actions;
        try {
            inBulk = true;
            inTransaction(writer, "BEGIN IMMEDIATE", session -> {
                body.run();
                return null;
            });
        } finally {
            inBulk = false;
            actions = new ArrayList<>(afterCommit);
            afterCommit.clear();
            writeLock.unlock();
        }
        actions.forEach(Runnable::run);
    }

    /** Whether the calling thread is inside {@link #bulk}. */
    public boolean inBulk() {
        return writeLock.isHeldByCurrentThread() && inBulk;
    }

    /**
     * Runs {@code action} once the last write is durable: now, or inside {@link #bulk}
     * after its commit. Used to delete files that the index no longer references.
     */
    public void afterCommit(Runnable action) {
        if (inBulk()) {
            afterCommit.add(action);
        } else {
            action.run();
        }
    }

    private <T> T inSavepoint(Work<T> work) {
        Session session = new Session(writer);
        String savepoint = "op" + (++savepoints);
        try {
            session.execute("SAVEPOINT " + savepoint);
        } catch (SQLException e) {
            throw new StorageException(file.toString(), e);
        }
        try {
            T result = work.run(session);
            session.execute("RELEASE " + savepoint);
            return result;
        } catch (SQLException e) {
            undo(session, savepoint, e);
            throw new StorageException(file.toString(), e);
        } catch (RuntimeException | Error e) {
            undo(session, savepoint, e);
            throw e;
        }
    }

    private static void undo(Session session, String savepoint, Throwable cause) {
        try {
            session.execute("ROLLBACK TO " + savepoint);
            session.execute("RELEASE " + savepoint);
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Runs a statement outside any transaction on the writer (PRAGMA, VACUUM INTO). */
    public <T> T outsideTransaction(Work<T> work) {
        if (writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("not possible inside a transaction on " + file);
        }
        writeLock.lock();
        try {
            return work.run(new Session(writer));
        } catch (SQLException e) {
            throw new StorageException(file.toString(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Writes a consistent copy of the database to {@code target} with {@code VACUUM INTO},
     * on a connection of its own so that writers go on meanwhile, then fsyncs it.
     */
    public void snapshotInto(Path target) {
        try {
            FileModes.create(target).close(); // VACUUM INTO fills an empty file and keeps its mode
        } catch (IOException e) {
            throw new StorageException(target.toString(), e);
        }
        try (Connection connection = connect(file);
                java.sql.PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, target.toAbsolutePath().toString());
            vacuum.execute();
        } catch (SQLException e) {
            throw new StorageException(file + " -> " + target, e);
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(target,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (java.io.IOException e) {
            throw new StorageException(target.toString(), e);
        }
    }

    private <T> T inTransaction(Connection connection, String begin, Work<T> work) {
        Session session = new Session(connection);
        try {
            session.execute(begin);
        } catch (SQLException e) {
            throw new StorageException(file.toString(), e);
        }
        try {
            T result = work.run(session);
            session.execute("COMMIT");
            return result;
        } catch (SQLException e) {
            rollback(session, e);
            throw new StorageException(file.toString(), e);
        } catch (RuntimeException | Error e) {
            rollback(session, e);
            throw e;
        }
    }

    private static void rollback(Session session, Throwable cause) {
        try {
            session.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private Connection takeReader() {
        Connection idle = idleReaders.poll();
        if (idle != null) {
            return idle;
        }
        synchronized (allReaders) {
            if (allReaders.size() < READERS) {
                try {
                    Connection reader = connect(file);
                    allReaders.add(reader);
                    return reader;
                } catch (SQLException e) {
                    throw new StorageException(file.toString(), e);
                }
            }
        }
        try {
            return idleReaders.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(file.toString(), "interrupted while waiting for a reader");
        }
    }

    private static Connection connect(Path file) throws SQLException {
        SqliteLibrary.useUnpacked();
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    @Override
    public void close() {
        List<Connection> connections = new ArrayList<>();
        synchronized (allReaders) {
            connections.addAll(allReaders);
            allReaders.clear();
        }
        connections.add(writer);
        writeLock.lock();
        try {
            for (Connection connection : connections) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // closing: nothing left to roll back; the file stays consistent
                }
            }
        } finally {
            writeLock.unlock();
        }
    }
}
