package org.storemulti.store.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.storemulti.fs.DirectorySync;
import org.storemulti.fs.FileModes;
import org.storemulti.store.data.DataLayout;
import org.storemulti.store.db.Database;
import org.storemulti.store.db.Migrations;
import org.storemulti.store.error.AlreadyExistsException;
import org.storemulti.store.error.ObjectKind;
import org.storemulti.store.error.StorageException;
import org.storemulti.store.message.MessageFiles;

/**
 * A live backup: snapshot the database with {@code VACUUM INTO} (writers go on), then
 * hard-link every message file the snapshot references. A file expunged and deleted
 * between the snapshot and its link is dropped from the copy, together with its index
 * rows, so the backup is always consistent: its database references exactly its files.
 *
 * <p>It is written under a hidden temporary name beside the target
 * ({@code .NAME.partial-RANDOM}), finished with its {@link BackupManifest}, and renamed to
 * its name last: a backup that was killed has no name a restore would take and no manifest.
 * Directories are 0700 and files 0600 whatever the umask, also outside the data directory.
 */
final class Backup {

    private final Database database;
    private final MessageFiles files;
    private final Clock clock;
    private WorkProgress progress = WorkProgress.NONE;

    Backup(Database database, MessageFiles files, Clock clock) {
        this.database = database;
        this.files = files;
        this.clock = clock;
    }

    /** Reports the message files linked to {@code progress}; returns this backup. */
    Backup reporting(WorkProgress progress) {
        this.progress = progress;
        return this;
    }

    BackupResult run(Path target) {
        if (Files.exists(target)) {
            throw new AlreadyExistsException(ObjectKind.BACKUP, target.toString());
        }
        Path parent = target.toAbsolutePath().getParent();
        Path partial = parent.resolve("." + target.getFileName() + ".partial-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
        try {
            FileModes.createDirectories(partial.resolve(DataLayout.MESSAGES_DIRECTORY));
            BackupResult result = fill(partial, target);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            DirectorySync.forPath(parent).sync(parent);
            return result;
        } catch (IOException e) {
            removeQuietly(partial, e);
            throw new StorageException(target.toString(), e);
        } catch (RuntimeException e) {
            removeQuietly(partial, e);
            throw e;
        }
    }

    /** Writes the whole backup into {@code partial}, manifest last, everything synced. */
    private BackupResult fill(Path partial, Path target) throws IOException {
        Path snapshot = partial.resolve(DataLayout.DATABASE_FILE);
        database.snapshotInto(snapshot);
        FileTree tree = new FileTree(DirectorySync.forPath(partial));
        List<String> gone = linkReferenced(snapshot, partial, tree);
        BackupManifest.Contents contents;
        int schema;
        try (Database copy = Database.open(snapshot, Migrations.all(), false, clock)) {
            if (!gone.isEmpty()) {
                dropFromSnapshot(copy, gone);
            }
            contents = BackupManifest.Contents.of(copy);
            schema = copy.schemaVersion();
        }
        tree.syncTree(partial.resolve(DataLayout.MESSAGES_DIRECTORY));
        // the digest is taken once the snapshot is closed for good: opening it may rewrite its header
        BackupManifest.of(clock.instant(), schema, snapshot, contents).writeInto(partial);
        tree.syncTree(partial);
        return new BackupResult(target, tree.linked, tree.copied, gone.size());
    }

    private List<String> linkReferenced(Path snapshot, Path partial, FileTree tree) throws IOException {
        List<String> paths;
        try (Database copy = Database.open(snapshot, Migrations.all(), false, clock)) {
            paths = copy.read(session -> session.list("SELECT path FROM message_file ORDER BY path", row -> row.getString(1)));
        }
        List<String> gone = new ArrayList<>();
        Path messages = partial.resolve(DataLayout.MESSAGES_DIRECTORY);
        long linked = 0;
        for (String path : paths) {
            progress.advanced("message files", linked++, paths.size());
            try {
                tree.linkOrCopy(files.resolve(path), messages.resolve(path));
            } catch (NoSuchFileException e) {
                gone.add(path);
            }
        }
        progress.advanced("message files", paths.size(), paths.size());
        return gone;
    }

    private static void dropFromSnapshot(Database copy, List<String> gone) {
        copy.write(session -> {
            for (String path : gone) {
                long blobId = session.number("SELECT id FROM message_file WHERE path = ?", path);
                session.update("DELETE FROM message WHERE file_id = ?", blobId);
                session.update("DELETE FROM message_file WHERE id = ?", blobId);
            }
            session.update("UPDATE mailbox SET used_bytes ="
                    + " (SELECT COALESCE(SUM(size), 0) FROM message WHERE mailbox_id = mailbox.id)");
            return null;
        });
    }

    /** Removes what a failed backup wrote; what cannot be removed is named on the failure. */
    static void removeQuietly(Path directory, Exception failure) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path each : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
