package org.storemulti.queue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.storemulti.fs.DirectorySync;
import org.storemulti.fs.FileModes;

/**
 * The queue's layout under {@code queue_directory}: one directory per {@link QueueState},
 * each with 16 hashed subdirectories {@code 0}..{@code F}; {@code move/} holds messages
 * and journals of migrations in progress ({@link QueueMover}). A message's file is
 * {@code STATE/H/ID}; names starting with {@code .} are temp files, never messages.
 *
 * <p>Also the primitives every state change uses: an atomic rename between two queue
 * paths and a delete, each followed by the directory syncs that make it durable.
 */
public final class QueueDirectories {

    /** Names of the hashed subdirectories. */
    public static final List<String> HASHES = List.of(
            "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F");

    /** The directory of migrations in progress. */
    public static final String MOVE = "move";

    private final Path root;
    private final DirectorySync sync;

    private QueueDirectories(Path root, DirectorySync sync) {
        this.root = root;
        this.sync = sync;
    }

    /** The queue under {@code queueDirectory}, synced as its file system allows. */
    public static QueueDirectories of(Path queueDirectory) {
        return of(queueDirectory, DirectorySync.forPath(queueDirectory));
    }

    /** The queue under {@code queueDirectory} with an explicit directory-sync seam. */
    public static QueueDirectories of(Path queueDirectory, DirectorySync sync) {
        return new QueueDirectories(queueDirectory.toAbsolutePath().normalize(), sync);
    }

    /**
     * How many messages the queue under {@code queueDirectory} still holds: the sum of
     * {@link #messageCounts}.
     */
    public static long messageCount(Path queueDirectory) throws IOException {
        return messageCounts(queueDirectory).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Where the queue under {@code queueDirectory} still holds messages, by place: every
     * entry that is not a directory anywhere below {@code maildrop incoming active deferred
     * hold} (temp files of injections in progress included), and messages staged in
     * {@code move/} by a migration that has not finished. Only places that hold something
     * are listed, in that order. {@code corrupt/} is not counted (see
     * {@link #quarantinedCount}). A missing queue directory holds nothing.
     *
     * <p>Errs on the side of counting, since the instance life cycle refuses to destroy a
     * queue that holds anything: a state directory that is a symbolic link counts as one
     * message and is never followed. Exact while no daemon or queue command runs on this
     * queue (destroy requires a stopped instance); during activity a message renamed
     * between directories mid-count may be missed or counted twice, and files that vanish
     * are skipped.
     */
    public static Map<String, Long> messageCounts(Path queueDirectory) throws IOException {
        QueueDirectories q = of(queueDirectory, DirectorySync.NONE);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (QueueState s : QueueState.LIVE) {
            Path directory = q.directory(s);
            long n = Files.isSymbolicLink(directory) ? 1 : entriesBelow(directory, false);
            if (n > 0) {
                counts.put(s.directoryName(), n);
            }
        }
        long staged = q.staged();
        if (staged > 0) {
            counts.put(MOVE, staged);
        }
        return counts;
    }

    /**
     * How many messages a migration has staged in {@code move/} ({@link QueueMover}): out of
     * every state directory, yet still this queue's until the move finishes.
     */
    public long staged() throws IOException {
        long staged = 0;
        for (Path entry : entries(moveDirectory())) {
            // anything but a directory counts, as in the state directories: errs on the side of counting
            if (QueueId.tryParse(entry.getFileName().toString()).isPresent()
                    && !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                staged++;
            }
        }
        return staged;
    }

    /** How many files {@code corrupt/} holds below {@code queueDirectory}. */
    public static long quarantinedCount(Path queueDirectory) throws IOException {
        return entriesBelow(of(queueDirectory, DirectorySync.NONE).directory(QueueState.CORRUPT), true);
    }

    /**
     * Counts the entries below {@code directory} that are not directories (only regular
     * files with {@code regularOnly}); links are not followed, and files that vanish
     * meanwhile (a daemon is running) are skipped.
     */
    private static long entriesBelow(Path directory, boolean regularOnly) throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        long[] count = {0};
        Files.walkFileTree(directory, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (regularOnly ? attributes.isRegularFile() : !attributes.isDirectory()) {
                    count[0]++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return count[0];
    }

    public Path root() {
        return root;
    }

    DirectorySync sync() {
        return sync;
    }

    /** {@code queue_directory/STATE}. */
    public Path directory(QueueState state) {
        return root.resolve(state.directoryName());
    }

    /** The hashed subdirectory of {@code state} that holds {@code id}. */
    public Path hashDirectory(QueueState state, QueueId id) {
        return directory(state).resolve(id.hashDirectory());
    }

    /** Where the file of {@code id} lives in {@code state}. */
    public Path file(QueueState state, QueueId id) {
        return hashDirectory(state, id).resolve(id.value());
    }

    /** {@code queue_directory/move}. */
    public Path moveDirectory() {
        return root.resolve(MOVE);
    }

    /** Creates every queue directory that is missing. */
    public QueueDirectories create() throws IOException {
        for (QueueState s : QueueState.values()) {
            for (String h : HASHES) {
                FileModes.createDirectories(directory(s).resolve(h));
            }
        }
        FileModes.createDirectories(moveDirectory());
        return this;
    }

    /** The message files of {@code state}, oldest ID first; temp files and strangers skipped. */
    public List<QueueLocation> list(QueueState state) throws IOException {
        List<QueueLocation> found = new ArrayList<>();
        for (String h : HASHES) {
            for (Path p : entries(directory(state).resolve(h))) {
                Optional<QueueId> id = QueueId.tryParse(p.getFileName().toString());
                if (id.isPresent() && id.get().hashDirectory().equals(h) && Files.isRegularFile(p)) {
                    found.add(new QueueLocation(id.get(), state, p));
                }
            }
        }
        found.sort((a, b) -> a.id().compareTo(b.id()));
        return found;
    }

    /** Where {@code id} is now, looking in every state. */
    public Optional<QueueLocation> locate(QueueId id) {
        for (QueueState s : QueueState.values()) {
            Path p = file(s, id);
            if (Files.isRegularFile(p)) {
                return Optional.of(new QueueLocation(id, s, p));
            }
        }
        return Optional.empty();
    }

    /** Entries of {@code directory}, sorted by name; empty if it does not exist. */
    List<Path> entries(Path directory) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(entries::add);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        Collections.sort(entries);
        return entries;
    }

    /**
     * Renames {@code from} to {@code to} atomically and makes it durable: syncs the
     * target's directory, then the source's. Throws {@link NoSuchFileException} when
     * {@code from} is gone (another process moved it first), and
     * {@link java.nio.file.AtomicMoveNotSupportedException} when the two are on different
     * file systems.
     */
    void rename(Path from, Path to) throws IOException {
        FileModes.createDirectories(to.getParent());
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        sync.sync(to.getParent());
        if (!from.getParent().equals(to.getParent())) {
            sync.sync(from.getParent());
        }
    }

    /** Moves {@code location}'s file to {@code state}; returns the new location. */
    QueueLocation move(QueueLocation location, QueueState state) throws IOException {
        Path to = file(state, location.id());
        rename(location.path(), to);
        return new QueueLocation(location.id(), state, to);
    }

    /** Deletes {@code file} durably; false if it was already gone. */
    boolean delete(Path file) throws IOException {
        boolean deleted = Files.deleteIfExists(file);
        if (deleted) {
            sync.sync(file.getParent());
        }
        return deleted;
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
