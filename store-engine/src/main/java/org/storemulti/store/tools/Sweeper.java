package org.storemulti.store.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.storemulti.store.db.Database;
import org.storemulti.store.error.StorageException;
import org.storemulti.store.message.MessageFiles;
import org.storemulti.store.tools.Problem.Kind;

/**
 * Removes what interrupted writes leave among the message files: temp files, and files no
 * index row references (a crash between a file's rename and its commit, or between a
 * commit and the deletion of expunged files). Only files older than every write still in
 * flight in this process, and older than {@link #SETTLE} for writers in other processes,
 * are judged: a delivery references its file within seconds (the busy timeout is 15 s),
 * or deletes it. One bucket directory at a time, so memory stays small on a large store.
 */
final class Sweeper {

    /** How old a file must be before a writer in another process is surely done with it. */
    static final Duration SETTLE = Duration.ofMinutes(1);

    private final Database database;
    private final MessageFiles files;
    private final Clock clock;

    Sweeper(Database database, MessageFiles files, Clock clock) {
        this.database = database;
        this.files = files;
        this.clock = clock;
    }

    /** Removes the leftovers; one repaired problem per file removed. */
    List<Problem> run() {
        long cutoff = Math.min(clock.millis() - SETTLE.toMillis(), files.oldestWriteInFlight());
        List<Problem> removed = new ArrayList<>();
        try {
            for (String bucket : files.buckets()) {
                sweep(bucket, cutoff, removed);
            }
        } catch (IOException e) {
            throw new StorageException(files.directory().toString(), e);
        }
        return removed;
    }

    private void sweep(String bucket, long cutoff, List<Problem> removed) throws IOException {
        List<String> old = new ArrayList<>();
        for (String path : files.listBucket(bucket)) {
            if (modified(files.resolve(path)) < cutoff) {
                old.add(path);
            }
        }
        if (old.isEmpty()) {
            return;
        }
        // every path of the bucket sorts between "XX/" and "XX0" ('0' follows '/')
        Set<String> referenced = new HashSet<>(database.read(session -> session.list(
                "SELECT path FROM message_file WHERE path > ? AND path < ?", row -> row.getString(1),
                bucket + "/", bucket + "0")));
        for (String path : old) {
            boolean temporary = MessageFiles.isTemporary(path);
            if ((temporary || !referenced.contains(path)) && Files.deleteIfExists(files.resolve(path))) {
                removed.add(temporary
                        ? new Problem(Kind.TEMPORARY_FILE, path, "left by an interrupted write", true)
                        : new Problem(Kind.ORPHAN_FILE, path, "no index row references it", true));
            }
        }
    }

    private static long modified(Path file) throws IOException {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (NoSuchFileException e) {
            return Long.MAX_VALUE; // removed meanwhile
        }
    }
}
