package org.storemulti.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.storemulti.fs.DirectorySync;
import org.storemulti.fs.FileModes;
import org.storemulti.store.account.Administrators;
import org.storemulti.store.account.Users;
import org.storemulti.store.auth.AuthAccounts;
import org.storemulti.store.auth.AuthAliases;
import org.storemulti.store.change.ChangeFeed;
import org.storemulti.store.data.DataDirectoryLock;
import org.storemulti.store.data.DataLayout;
import org.storemulti.store.db.Database;
import org.storemulti.store.db.Migration;
import org.storemulti.store.db.Migrations;
import org.storemulti.store.domain.Domains;
import org.storemulti.store.error.ConflictException;
import org.storemulti.store.error.StorageException;
import org.storemulti.store.mailbox.Acls;
import org.storemulti.store.mailbox.Mailboxes;
import org.storemulti.store.mailbox.Quotas;
import org.storemulti.store.mailbox.Recipients;
import org.storemulti.store.mailbox.Subscriptions;
import org.storemulti.store.name.LocalPartRule;
import org.storemulti.store.message.Deliverer;
import org.storemulti.store.message.Delivery;
import org.storemulti.store.message.DeliveryBatcher;
import org.storemulti.store.message.DeliveryPipeline;
import org.storemulti.store.message.DeliveryResult;
import org.storemulti.store.message.MessageFiles;
import org.storemulti.store.message.Messages;
import org.storemulti.store.tools.DatabaseTools;

/**
 * An open store: the data directory's database and message files, with one service per
 * concept. Thread-safe; several processes (a daemon and admin tools) may open the same
 * data directory at once.
 *
 * <pre>
 * try (Store store = Store.open(Path.of("/var/spool/store"))) {
 *     store.domains().add("example.com");
 *     store.mailboxes().addUser("example.com", "joe");
 *     store.batcher().deliver(Delivery.of("example.com", "user/joe/INBOX", bytes));
 * }
 * </pre>
 */
public final class Store implements AutoCloseable {

    private final Path dataDirectory;
    private final Clock clock;
    private final DataDirectoryLock lock;
    private final Database database;
    private final MessageFiles files;
    private final Deliverer deliverer;
    private final DeliveryBatcher batcher;
    private final ChangeFeed feed;
    private final Messages messages;

    private Store(Path dataDirectory, Path messagesDirectory, Clock clock, DataDirectoryLock lock,
            Database database, DirectorySync sync) {
        this.dataDirectory = dataDirectory;
        this.clock = clock;
        this.lock = lock;
        this.database = database;
        this.files = new MessageFiles(messagesDirectory, sync, clock);
        this.feed = new ChangeFeed(database);
        this.deliverer = new Deliverer(database, files, clock, feed);
        this.batcher = new DeliveryBatcher(deliverer);
        this.messages = Messages.of(database, files, deliverer, batcher, feed, clock);
    }

    /** Opens (creating if new) the store in {@code dataDirectory}, on the system clock. */
    public static Store open(Path dataDirectory) {
        return open(dataDirectory, Clock.systemUTC());
    }

    /** Opens the store with {@code clock} for internal dates, UID validity and expiry checks. */
    public static Store open(Path dataDirectory, Clock clock) {
        return open(dataDirectory, clock, Migrations.all(), false);
    }

    /**
     * Opens the store with {@code sync} making message directories durable: the seam for
     * tests of slow or failing storage (a real store, a real database, a scripted sync).
     */
    public static Store open(Path dataDirectory, Clock clock, DirectorySync sync) {
        return open(dataDirectory, null, clock, Migrations.all(), false, sync);
    }

    /**
     * Applies pending schema migrations ({@code storeadm db upgrade}); needs the data
     * directory to itself. Returns the schema version reached.
     */
    public static int upgrade(Path dataDirectory) {
        return upgrade(dataDirectory, Migrations.all());
    }

    /** The schema version of the store in {@code dataDirectory}, without opening (or upgrading) it; 0 if none. */
    public static int schemaVersionOf(Path dataDirectory) {
        return Database.peekVersion(dataDirectory.toAbsolutePath().normalize().resolve(DataLayout.DATABASE_FILE));
    }

    /** The schema version this program creates, and upgrades older stores to when it opens them. */
    public static int currentSchemaVersion() {
        return newest(Migrations.all());
    }

    @SuppressWarnings("try") // the lock is held for the block's duration
    static int upgrade(Path dataDirectory, List<Migration> migrations) {
        Path directory = prepare(dataDirectory);
        try (DataDirectoryLock exclusive = DataDirectoryLock.exclusive(directory);
                Database database = Database.open(directory.resolve(DataLayout.DATABASE_FILE), migrations, true,
                        Clock.systemUTC())) {
            return database.schemaVersion();
        }
    }

    static Store open(Path dataDirectory, Clock clock, List<Migration> migrations, boolean upgrade) {
        return open(dataDirectory, null, clock, migrations, upgrade, null);
    }

    /**
     * The one way a store opens: {@code messagesDirectory} (null: the data directory's own)
     * and {@code sync} (null: real directory syncs) are seams for tests.
     */
    private static Store open(Path dataDirectory, Path messagesDirectory, Clock clock, List<Migration> migrations,
            boolean upgrade, DirectorySync sync) {
        Path directory = prepare(dataDirectory);
        Path file = directory.resolve(DataLayout.DATABASE_FILE);
        DataDirectoryLock lock = DataDirectoryLock.shared(directory);
        try {
            int current = Database.peekVersion(file);
            if (current > 0 && current < newest(migrations)) {
                lock.close();
                upgradeOnOpen(directory, migrations, current);
                lock = DataDirectoryLock.shared(directory);
            }
            Database database = Database.open(file, migrations, upgrade, clock);
            Path messages = messagesDirectory != null ? messagesDirectory
                    : directory.resolve(DataLayout.MESSAGES_DIRECTORY);
            return new Store(directory, messages, clock, lock, database,
                    sync != null ? sync : DirectorySync.forPath(messages));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * A store whose message files live in {@code messagesDirectory}, on any file system (the
     * contract tests run every operation on jimfs and on the real one); the database stays
     * in {@code dataDirectory}, which SQLite needs on the platform's file system.
     */
    static Store open(Path dataDirectory, Path messagesDirectory, Clock clock) {
        return open(dataDirectory, messagesDirectory, clock, Migrations.all(), false, null);
    }

    /**
     * An older schema is upgraded by whoever opens the store first, which needs the
     * directory to itself, as {@code storeadm db upgrade} does: the daemon of a new release
     * upgrades at start; a tool that finds the old daemon still running is refused.
     */
    private static void upgradeOnOpen(Path directory, List<Migration> migrations, int current) {
        try {
            upgrade(directory, migrations);
        } catch (ConflictException e) {
            throw new ConflictException(directory.toString(), "schema version " + current + " must be upgraded to "
                    + newest(migrations) + " first, but the data directory is in use (a daemon or another tool"
                    + " has the store open): stop it, then run storeadm db upgrade or start the daemon");
        }
    }

    private static int newest(List<Migration> migrations) {
        return migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
    }

    private static Path prepare(Path dataDirectory) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        try {
            for (String sub : List.of(DataLayout.MESSAGES_DIRECTORY, DataLayout.RUN_DIRECTORY)) {
                if (!Files.isDirectory(directory.resolve(sub))) {
                    FileModes.createDirectories(directory.resolve(sub));
                    DirectorySync.forPath(directory).sync(directory);
                }
            }
        } catch (IOException e) {
            throw new StorageException(directory.toString(), e);
        }
        if (System.getProperty("org.sqlite.tmpdir") == null) {
            System.setProperty("org.sqlite.tmpdir", directory.resolve(DataLayout.RUN_DIRECTORY).toString());
        }
        return directory;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public int schemaVersion() {
        return database.schemaVersion();
    }

    public Domains domains() {
        return new Domains(database, files);
    }

    public Administrators administrators() {
        return new Administrators(database);
    }

    public Users users() {
        return new Users(database);
    }

    public AuthAccounts authAccounts() {
        return new AuthAccounts(database, clock);
    }

    public AuthAliases authAliases() {
        return new AuthAliases(database);
    }

    public Mailboxes mailboxes() {
        return new Mailboxes(database, files, clock, feed);
    }

    /** Users' mailbox subscriptions (IMAP SUBSCRIBE/LSUB). */
    public Subscriptions subscriptions() {
        return new Subscriptions(database);
    }

    /** Where mail for an address's local part goes (the rule LMTP, the queue and IMAP login share). */
    public Recipients recipients() {
        return new Recipients(database);
    }

    /** The delivery stages (recipient, quota, store) with {@code rule} for local parts. */
    public DeliveryPipeline pipeline(LocalPartRule rule) {
        return new DeliveryPipeline(recipients(), batcher, rule);
    }

    public Acls acls() {
        return new Acls(database);
    }

    public Quotas quotas() {
        return new Quotas(database);
    }

    /** Messages of mailboxes: listing and status for tools, and the mailbox handles IMAP and sync read and write through. */
    public Messages messages() {
        return messages;
    }

    /** The change feed: subscribe to hear of committed mailbox changes; {@code poll()} finds other processes' changes. */
    public ChangeFeed changes() {
        return feed;
    }

    /**
     * Runs administrative operations ({@code body} calls this store's services) in one
     * transaction with one durable commit, as bulk adds need. Each operation is atomic on
     * its own: one that throws is undone and {@code body} may catch it and go on. If
     * {@code body} throws, nothing is kept. Reads inside see the changes made so far.
     * Deliveries are refused inside (they must be durable when they return); other threads
     * wait for the write lock until the bulk commits.
     */
    public void bulk(Runnable body) {
        database.bulk(body);
    }

    /** Stores a list of deliveries with one commit (identical contents stored once). */
    public List<DeliveryResult> deliver(List<Delivery> deliveries) {
        return deliverer.deliver(deliveries);
    }

    /** The store's group-commit entry point for concurrent single deliveries. */
    public DeliveryBatcher batcher() {
        return batcher;
    }

    /** Backup, checkpoint, recover, verify, archive list, reconstruct. */
    public DatabaseTools tools() {
        return new DatabaseTools(dataDirectory, database, files, clock);
    }

    /** For tests in this package: the database and the message files. */
    Database database() {
        return database;
    }

    MessageFiles files() {
        return files;
    }

    @Override
    public void close() {
        try {
            database.close();
        } finally {
            lock.close();
        }
    }
}
