package org.storemulti.store.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.storemulti.fs.DirectorySync;
import org.storemulti.store.db.DataLayout;
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
 */
final class Backup {

    private final Database database;
    private final MessageFiles files;
    private final Clock clock;

    Backup(Database database, MessageFiles files, Clock clock) {
        this.database = database;
        this.files = files;
        this.clock = clock;
    }

    BackupResult run(Path target) {
        if (Files.exists(target)) {
            throw new AlreadyExistsException(ObjectKind.BACKUP, target.toString());
        }
        try {
            Files.createDirectories(target.resolve(DataLayout.MESSAGES_DIRECTORY));
            Path snapshot = target.resolve(DataLayout.DATABASE_FILE);
            database.snapshotInto(snapshot);
            FileTree tree = new FileTree(DirectorySync.forPath(target));
            List<String> gone = linkReferenced(snapshot, target, tree);
            if (!gone.isEmpty()) {
                dropFromSnapshot(snapshot, gone);
            }
            tree.syncTree(target.resolve(DataLayout.MESSAGES_DIRECTORY));
            tree.syncTree(target);
            DirectorySync.forPath(target).sync(target.toAbsolutePath().getParent());
            return new BackupResult(target, tree.linked, tree.copied, gone.size());
        } catch (IOException e) {
            throw new StorageException(target.toString(), e);
        }
    }

    private List<String> linkReferenced(Path snapshot, Path target, FileTree tree) throws IOException {
        List<String> paths;
        try (Database copy = Database.open(snapshot, Migrations.all(), false, clock)) {
            paths = copy.read(session -> session.list("SELECT path FROM message_file ORDER BY path", row -> row.getString(1)));
        }
        List<String> gone = new ArrayList<>();
        Path messages = target.resolve(DataLayout.MESSAGES_DIRECTORY);
        for (String path : paths) {
            try {
                tree.linkOrCopy(files.resolve(path), messages.resolve(path));
            } catch (NoSuchFileException e) {
                gone.add(path);
            }
        }
        return gone;
    }

    private void dropFromSnapshot(Path snapshot, List<String> gone) {
        try (Database copy = Database.open(snapshot, Migrations.all(), false, clock)) {
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
    }
}
