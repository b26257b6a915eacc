package org.storemulti.store.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.storemulti.store.data.DataLayout;
import org.storemulti.store.db.Database;
import org.storemulti.store.error.StorageException;
import org.storemulti.store.message.MessageFiles;
import org.storemulti.store.name.DomainName;
import org.storemulti.store.mailbox.MailboxName;

/**
 * The database tools of an open store ({@code storeadm db ...}, {@code reconstruct}).
 * {@link #restore} is static: it needs the data directory closed.
 */
public final class DatabaseTools {

    /** Backup directories are {@code backup/STORE_Backup_<yyyyMMddHHmmss>}. */
    public static final String BACKUP_PREFIX = "STORE_Backup_";

    private final DataLayout layout;
    private final Database database;
    private final MessageFiles files;
    private final Clock clock;

    public DatabaseTools(Path dataDirectory, Database database, MessageFiles files, Clock clock) {
        this.layout = new DataLayout(dataDirectory);
        this.database = database;
        this.files = files;
        this.clock = clock;
    }

    /** A live, consistent backup into {@code backup/STORE_Backup_<timestamp>/}. */
    public BackupResult backup() {
        return backup(WorkProgress.NONE);
    }

    /** A live, consistent backup into {@code target}, which must not exist yet. */
    public BackupResult backup(Path target) {
        return backup(target, WorkProgress.NONE);
    }

    /** {@link #backup(Path)}, reporting the message files linked to {@code progress}. */
    public BackupResult backup(Path target, WorkProgress progress) {
        return new Backup(database, files, clock).reporting(progress).run(target);
    }

    /** {@link #backup()}, reporting the message files linked to {@code progress}. */
    public BackupResult backup(WorkProgress progress) {
        return backup(layout.backups().resolve(BACKUP_PREFIX + Restore.STAMP.format(clock.instant())), progress);
    }

    /**
     * Replaces the data of a closed store with a backup, after checking the backup
     * completely (an incomplete or damaged one is refused and nothing changes); the old data
     * is kept as {@code store.db.asof<timestamp>} and {@code messages.asof<timestamp>}, and
     * put back if the swap fails.
     */
    public static RestoreResult restore(Path dataDirectory, Path backup, Clock clock) {
        return restore(dataDirectory, backup, clock, WorkProgress.NONE);
    }

    /** {@link #restore(Path, Path, Clock)}, reporting the backup's message files checked to {@code progress}. */
    public static RestoreResult restore(Path dataDirectory, Path backup, Clock clock, WorkProgress progress) {
        return Restore.run(dataDirectory, backup, clock, progress);
    }

    /** Copies the WAL into the database and truncates it. */
    public CheckpointResult checkpoint() {
        return database.outsideTransaction(session -> session.first("PRAGMA wal_checkpoint(TRUNCATE)",
                row -> new CheckpointResult(row.getInt(1) != 0, row.getLong(2), row.getLong(3))).orElseThrow());
    }

    /**
     * After a crash: SQLite has already replayed committed transactions from the WAL when
     * the store opened; this removes leftover temp files of interrupted writes, checkpoints,
     * and returns what verify (with repair) finds.
     */
    public List<Problem> recover() {
        List<Problem> problems = verify(true);
        checkpoint();
        return problems;
    }

    /**
     * The fast check {@code storectl check} runs: SQLite's {@code quick_check} of the
     * database alone (no message files), one problem per line it reports.
     */
    public List<Problem> quickCheck() {
        String where = database.file().getFileName().toString();
        return database.read(s -> s.list("PRAGMA quick_check", row -> row.getString(1))).stream()
                .filter(line -> !line.equals("ok"))
                .map(line -> new Problem(Problem.Kind.INTEGRITY, where, line, false))
                .toList();
    }

    /**
     * Removes crash leftovers among the message files (temp files, files no index row
     * references) older than every write in flight; what the daemon runs at start-up and
     * periodically. One repaired problem per file removed.
     */
    public List<Problem> sweep() {
        return new Sweeper(database, files, clock).run();
    }

    /** Checks the database and database versus files; {@code repair} fixes what it can. */
    public List<Problem> verify(boolean repair) {
        return verify(repair, WorkProgress.NONE);
    }

    /** {@link #verify(boolean)}, reporting the files checked to {@code progress}. */
    public List<Problem> verify(boolean repair, WorkProgress progress) {
        return new Verifier(database, files, clock).reporting(progress).run(repair);
    }

    /** The files a backup must copy: the database, its WAL if any, every referenced message file. */
    public List<Path> archiveList() {
        List<Path> result = new ArrayList<>();
        result.add(layout.database());
        Path wal = layout.root().resolve(DataLayout.DATABASE_FILE + "-wal");
        if (Files.exists(wal)) {
            result.add(wal);
        }
        for (String path : database.read(session -> session.list("SELECT path FROM message_file ORDER BY path",
                row -> row.getString(1)))) {
            result.add(files.resolve(path));
        }
        return result;
    }

    /**
     * Rebuilds a mailbox's index from its message files, keeping the GUIDs, flags, keywords
     * and dates it still has; every message gets a new, higher modseq.
     */
    public ReconstructResult reconstruct(String domain, String mailbox) {
        return new Reconstructor(database, files, clock)
                .run(new DomainName(domain).value(), new MailboxName(mailbox).value());
    }

    /**
     * Rebuilds {@code root} and every mailbox below it ({@code reconstruct -r}):
     * {@code user/joe} for all of joe's mailboxes, {@code shared/team} for a shared tree,
     * {@code ""} for the whole domain.
     */
    public List<ReconstructResult> reconstructTree(String domain, String root) {
        return new Reconstructor(database, files, clock).runTree(new DomainName(domain).value(), root);
    }

    /** Backups under {@code backup/}, oldest first. */
    public List<Path> listBackups() {
        if (!Files.isDirectory(layout.backups())) {
            return List.of();
        }
        try (var entries = Files.list(layout.backups())) {
            return entries.filter(p -> p.getFileName().toString().startsWith(BACKUP_PREFIX)).sorted().toList();
        } catch (IOException e) {
            throw new StorageException(layout.backups().toString(), e);
        }
    }
}
