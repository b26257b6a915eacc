package org.storemulti.store.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.storemulti.fs.DirectorySync;
import org.storemulti.fs.FileModes;
import org.storemulti.store.data.DataDirectoryLock;
import org.storemulti.store.data.DataLayout;
import org.storemulti.store.db.Database;
import org.storemulti.store.db.Migrations;
import org.storemulti.store.error.ConflictException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.ObjectKind;
import org.storemulti.store.error.StorageException;

/**
 * Restores a backup into a data directory nobody has open, in three steps:
 *
 * <ol>
 * <li>check: the backup's {@link BackupManifest} must be there (a killed backup has none;
 *     see {@link #FIRST_SCHEMA_WITH_MANIFESTS} for backups of releases before manifests);
 *     its {@code store.db} is copied into a staging directory
 *     {@code data_directory/.restore-TIMESTAMP}, must match the manifest's size and digest,
 *     pass SQLite's integrity and foreign-key checks, and every message file it references
 *     is linked (or copied) there with the size the index records; counts and bytes must
 *     match the manifest. Any problem refuses the restore and the live store is untouched;</li>
 * <li>swap: the current {@code store.db} (with its WAL) and {@code messages/} are renamed to
 *     {@code NAME.asofTIMESTAMP}, the staged ones renamed into place;</li>
 * <li>settle: the restored database opens and holds what the manifest says. If the swap or
 *     this fails, the restored files are taken away and the previous ones put back.</li>
 * </ol>
 *
 * <p>A backup of an older schema version is upgraded in the staging directory (a copy). A
 * process killed in the middle of the swap (two renames) can leave {@code NAME.asof*} beside
 * a missing {@code NAME}: rename them back by hand.
 */
final class Restore {

    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    static final String STAGING_PREFIX = ".restore-";
    /**
     * Backups have had a MANIFEST since the release of schema 3. One of an older schema
     * without it was made before manifests existed: it is restored after the same checks of
     * its database and every file it references (nothing else can tell it complete). A newer
     * one without it was interrupted.
     */
    static final int FIRST_SCHEMA_WITH_MANIFESTS = 3;

    /** A step of the swap that can fail, for tests of the way back. */
    @FunctionalInterface
    interface Fault {
        void at(String step) throws IOException;

        Fault NONE = step -> { };
    }

    private Restore() {
    }

    static RestoreResult run(Path dataDirectory, Path backup, Clock clock, WorkProgress progress) {
        return run(dataDirectory, backup, clock, Fault.NONE, progress);
    }

    static RestoreResult run(Path dataDirectory, Path backup, Clock clock, Fault fault) {
        return run(dataDirectory, backup, clock, fault, WorkProgress.NONE);
    }

    @SuppressWarnings("try") // the lock is held for the block's duration
    private static RestoreResult run(Path dataDirectory, Path backup, Clock clock, Fault fault, WorkProgress progress) {
        DataLayout data = new DataLayout(dataDirectory);
        DataLayout source = new DataLayout(backup);
        if (!Files.isRegularFile(source.database()) || !Files.isDirectory(source.messages())) {
            throw new NotFoundException(ObjectKind.BACKUP, backup + " (needs store.db and messages/)");
        }
        try {
            Optional<BackupManifest> promised = Files.exists(source.root().resolve(BackupManifest.FILE))
                    ? Optional.of(BackupManifest.readFrom(source.root())) : Optional.empty();
            FileModes.createDirectories(data.root());
            try (DataDirectoryLock exclusive = DataDirectoryLock.exclusive(data.root())) {
                String stamp = STAMP.format(clock.instant());
                Path staging = data.root().resolve(STAGING_PREFIX + stamp);
                try {
                    BackupManifest manifest = stage(source, new DataLayout(staging), promised, clock, progress);
                    List<Path> setAside = swap(data, staging, "asof" + stamp, manifest, clock, fault);
                    return new RestoreResult(setAside, List.of(), manifest.messages(), manifest.messageFiles());
                } finally {
                    Backup.removeQuietly(staging, new IOException("cleaning up " + staging));
                }
            }
        } catch (IOException e) {
            throw new StorageException(dataDirectory.toString(), e);
        }
    }

    /**
     * Copies and checks the backup into {@code staging}; throws, naming the backup, at the
     * first problem. Returns the manifest the restored store must match: the backup's own, or
     * for a backup of a release before manifests, one describing what passed the checks.
     */
    private static BackupManifest stage(DataLayout source, DataLayout staging, Optional<BackupManifest> promised,
            Clock clock, WorkProgress progress) throws IOException {
        removeLeftoverStaging(staging.root().getParent());
        FileModes.createDirectories(staging.messages());
        FileTree.copy(source.database(), staging.database());
        String where = source.root().toString();
        long bytes = Files.size(staging.database());
        String digest = BackupManifest.sha256(staging.database());
        int version = Database.peekVersion(staging.database());
        if (promised.isEmpty() && (version < 1 || version >= FIRST_SCHEMA_WITH_MANIFESTS)) {
            throw BackupManifest.missing(source.root());
        }
        if (promised.isPresent() && (bytes != promised.get().databaseBytes()
                || !digest.equals(promised.get().databaseSha256()))) {
            throw new ConflictException(where, "store.db is not the one the backup's MANIFEST describes ("
                    + bytes + " bytes, digest differs or size does): a damaged or changed backup; nothing was changed");
        }
        BackupManifest.Contents found;
        try (Database database = Database.open(staging.database(), Migrations.all(), true, clock)) {
            checkIntegrity(database, where);
            FileTree tree = new FileTree(DirectorySync.forPath(staging.root()));
            List<Blob> blobs = database.read(session -> session.list("SELECT path, file_size FROM message_file",
                    row -> new Blob(row.getString(1), row.getLong(2))));
            long checked = 0;
            for (Blob blob : blobs) {
                progress.advanced("message files checked", checked++, blobs.size());
                linkChecked(source.messages().resolve(blob.path()), staging.messages().resolve(blob.path()), blob,
                        tree, where);
            }
            progress.advanced("message files checked", blobs.size(), blobs.size());
            tree.syncTree(staging.messages());
            found = BackupManifest.Contents.of(database);
        }
        if (promised.isPresent()) {
            BackupManifest.Contents expected = new BackupManifest.Contents(promised.get().messageFiles(),
                    promised.get().messageFileBytes(), promised.get().messages());
            if (!found.equals(expected)) {
                throw new ConflictException(where, "the backup holds " + found + ", its MANIFEST says " + expected
                        + ": nothing was changed");
            }
        }
        DirectorySync.forPath(staging.root()).sync(staging.root());
        return promised.orElseGet(() -> new BackupManifest(clock.instant(), version, bytes, digest,
                found.messageFiles(), found.messageFileBytes(), found.messages()));
    }

    private record Blob(String path, long fileSize) {
    }

    private static void linkChecked(Path from, Path to, Blob blob, FileTree tree, String where) throws IOException {
        long size;
        try {
            size = Files.size(from);
        } catch (NoSuchFileException e) {
            throw new ConflictException(where, "incomplete backup: messages/" + blob.path()
                    + " is missing (the database references it): nothing was changed");
        }
        if (size != blob.fileSize()) {
            throw new ConflictException(where, "damaged backup: messages/" + blob.path() + " has " + size
                    + " bytes, the database says " + blob.fileSize() + ": nothing was changed");
        }
        tree.linkOrCopy(from, to);
    }

    private static void checkIntegrity(Database database, String where) {
        List<String> wrong = new ArrayList<>();
        wrong.addAll(database.read(s -> s.list("PRAGMA integrity_check", row -> row.getString(1))).stream()
                .filter(line -> !line.equals("ok")).toList());
        wrong.addAll(database.read(s -> s.list("PRAGMA foreign_key_check", row -> row.getString(1) + " row "
                + row.getLong(2) + " references missing " + row.getString(3))));
        if (!wrong.isEmpty()) {
            throw new ConflictException(where, "damaged backup: store.db: " + wrong.get(0)
                    + (wrong.size() > 1 ? " (and " + (wrong.size() - 1) + " more)" : "") + ": nothing was changed");
        }
    }

    /** Staging directories of restores that were killed: copies, never the only copy of anything. */
    private static void removeLeftoverStaging(Path dataDirectory) throws IOException {
        try (Stream<Path> entries = Files.list(dataDirectory)) {
            for (Path old : entries.filter(p -> p.getFileName().toString().startsWith(STAGING_PREFIX)).toList()) {
                Backup.removeQuietly(old, new IOException("removing " + old));
            }
        }
    }

    /** One rename of the swap, undone in reverse order if a later step fails. */
    private record Move(Path from, Path to) {
    }

    private static List<Path> swap(DataLayout data, Path staging, String suffix, BackupManifest manifest, Clock clock,
            Fault fault) throws IOException {
        List<Move> done = new ArrayList<>();
        List<Path> setAside = new ArrayList<>();
        try {
            for (String name : List.of(DataLayout.DATABASE_FILE, DataLayout.DATABASE_FILE + "-wal",
                    DataLayout.DATABASE_FILE + "-shm", DataLayout.MESSAGES_DIRECTORY)) {
                Path current = data.root().resolve(name);
                if (Files.exists(current)) {
                    Path aside = data.root().resolve(asideName(name, suffix));
                    move(current, aside, done);
                    if (!name.startsWith(DataLayout.DATABASE_FILE + "-")) {
                        setAside.add(aside);
                    }
                }
            }
            fault.at("set aside");
            move(staging.resolve(DataLayout.DATABASE_FILE), data.database(), done);
            move(staging.resolve(DataLayout.MESSAGES_DIRECTORY), data.messages(), done);
            DirectorySync.forPath(data.root()).sync(data.root());
            fault.at("swapped");
            settle(data, manifest, clock);
            return setAside;
        } catch (IOException | RuntimeException e) {
            putBack(done, data, e);
            throw new StorageException(data.root().toString(), "restore failed after the live store was set aside,"
                    + " and the previous store is back in place: " + describe(e));
        }
    }

    private static String asideName(String name, String suffix) {
        // store.db-wal goes with store.db: store.db.asofT-wal, as SQLite pairs them
        int dash = name.indexOf('-');
        return dash < 0 ? name + "." + suffix : name.substring(0, dash) + "." + suffix + name.substring(dash);
    }

    private static void move(Path from, Path to, List<Move> done) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        done.add(new Move(from, to));
    }

    /** The restored database opens at the newest schema and holds what the manifest says. */
    private static void settle(DataLayout data, BackupManifest manifest, Clock clock) {
        try (Database database = Database.open(data.database(), Migrations.all(), false, clock)) {
            BackupManifest.Contents found = BackupManifest.Contents.of(database);
            if (found.messages() != manifest.messages() || found.messageFiles() != manifest.messageFiles()) {
                throw new StorageException(data.database().toString(), "holds " + found + " after the swap, "
                        + manifest.messages() + " messages expected");
            }
        }
    }

    private static void putBack(List<Move> done, DataLayout data, Exception failure) {
        for (int i = done.size() - 1; i >= 0; i--) {
            Move move = done.get(i);
            try {
                Files.move(move.to(), move.from(), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
        try {
            DirectorySync.forPath(data.root()).sync(data.root());
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
