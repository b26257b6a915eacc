package org.storemulti.store.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.storemulti.fs.DirectorySync;
import org.storemulti.store.db.DataDirectoryLock;
import org.storemulti.store.db.DataLayout;
import org.storemulti.store.db.Database;
import org.storemulti.store.db.Migrations;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.ObjectKind;
import org.storemulti.store.error.StorageException;
import org.storemulti.store.message.MessageFiles;

/**
 * Restores a backup into a data directory nobody has open: the current {@code store.db}
 * (with its WAL) and {@code messages/} are renamed to {@code NAME.asofTIMESTAMP}, the
 * backup's database is copied and its message files linked (or copied) in, then the
 * result is verified.
 */
final class Restore {

    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private Restore() {
    }

    @SuppressWarnings("try") // the lock is held for the block's duration
    static RestoreResult run(Path dataDirectory, Path backup, Clock clock) {
        DataLayout data = new DataLayout(dataDirectory);
        DataLayout source = new DataLayout(backup);
        if (!Files.isRegularFile(source.database()) || !Files.isDirectory(source.messages())) {
            throw new NotFoundException(ObjectKind.BACKUP, backup + " (needs store.db and messages/)");
        }
        try (DataDirectoryLock exclusive = DataDirectoryLock.exclusive(data.root())) {
            List<Path> setAside = setAside(data, "asof" + STAMP.format(clock.instant()));
            copyIn(source, data);
            return new RestoreResult(setAside, verify(data, clock));
        } catch (IOException e) {
            throw new StorageException(dataDirectory.toString(), e);
        }
    }

    private static List<Path> setAside(DataLayout data, String suffix) throws IOException {
        List<Path> moved = new ArrayList<>();
        for (String name : List.of(DataLayout.DATABASE_FILE, DataLayout.MESSAGES_DIRECTORY)) {
            Path current = data.root().resolve(name);
            if (Files.exists(current)) {
                Path aside = data.root().resolve(name + "." + suffix);
                Files.move(current, aside, StandardCopyOption.ATOMIC_MOVE);
                moved.add(aside);
            }
        }
        for (String companion : List.of("-wal", "-shm")) {
            Path current = data.root().resolve(DataLayout.DATABASE_FILE + companion);
            if (Files.exists(current)) {
                Files.move(current, data.root().resolve(DataLayout.DATABASE_FILE + "." + suffix + companion),
                        StandardCopyOption.ATOMIC_MOVE);
            }
        }
        DirectorySync.forPath(data.root()).sync(data.root());
        return moved;
    }

    private static void copyIn(DataLayout source, DataLayout data) throws IOException {
        FileTree tree = new FileTree(DirectorySync.forPath(data.root()));
        Files.copy(source.database(), data.database());
        try (var channel = java.nio.channels.FileChannel.open(data.database(), java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.createDirectories(data.messages());
        try (Stream<Path> all = Files.walk(source.messages())) {
            for (Path file : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                tree.linkOrCopy(file, data.messages().resolve(source.messages().relativize(file).toString()));
            }
        }
        tree.syncTree(data.messages());
        DirectorySync.forPath(data.root()).sync(data.root());
    }

    private static List<Problem> verify(DataLayout data, Clock clock) {
        // a backup taken by an older release is upgraded here: restore holds the exclusive lock an upgrade needs
        try (Database database = Database.open(data.database(), Migrations.all(), true, clock)) {
            MessageFiles files = new MessageFiles(data.messages(), DirectorySync.forPath(data.root()), clock);
            return new Verifier(database, files, clock).run(false);
        }
    }
}
