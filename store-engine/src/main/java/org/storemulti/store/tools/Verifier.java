package org.storemulti.store.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.storemulti.store.db.Database;
import org.storemulti.store.db.Session;
import org.storemulti.store.error.StorageException;
import org.storemulti.store.message.ExpungeLog;
import org.storemulti.store.message.Expunged;
import org.storemulti.store.message.MessageFiles;
import org.storemulti.store.message.ModseqCounter;
import org.storemulti.store.tools.Problem.Kind;

/**
 * Checks the database ({@code integrity_check}, {@code foreign_key_check}, mailbox usage)
 * and the database against the message files (missing, orphan, wrong size, leftover temp
 * files). Files younger than the grace period are in flight (written, not yet committed)
 * and are neither reported nor removed, so verify is safe while deliveries run.
 */
final class Verifier {

    static final Duration GRACE = Duration.ofMinutes(10);

    private record Blob(long id, String path, long fileSize) {
    }

    private final Database database;
    private final MessageFiles files;
    private final Clock clock;
    private final List<Problem> problems = new ArrayList<>();
    private WorkProgress progress = WorkProgress.NONE;

    Verifier(Database database, MessageFiles files, Clock clock) {
        this.database = database;
        this.files = files;
        this.clock = clock;
    }

    /** Reports the message files checked to {@code progress}; returns this verifier. */
    Verifier reporting(WorkProgress progress) {
        this.progress = progress;
        return this;
    }

    List<Problem> run(boolean repair) {
        try {
            checkDatabase();
            Map<String, Blob> blobs = new HashMap<>();
            for (Blob blob : database.read(session -> session.list("SELECT id, path, file_size FROM message_file",
                    row -> new Blob(row.getLong(1), row.getString(2), row.getLong(3))))) {
                blobs.put(blob.path(), blob);
            }
            checkReferencedFiles(blobs, repair);
            checkUnreferencedFiles(blobs.keySet(), repair);
            checkUsage(repair);
            return problems;
        } catch (IOException e) {
            throw new StorageException(files.directory().toString(), e);
        }
    }

    private void checkDatabase() {
        String where = database.file().getFileName().toString();
        for (String line : database.read(s -> s.list("PRAGMA integrity_check", row -> row.getString(1)))) {
            if (!line.equals("ok")) {
                problems.add(new Problem(Kind.INTEGRITY, where, line, false));
            }
        }
        for (String line : database.read(s -> s.list("PRAGMA foreign_key_check",
                row -> row.getString(1) + " row " + row.getLong(2) + " references missing " + row.getString(3)))) {
            problems.add(new Problem(Kind.FOREIGN_KEY, where, line, false));
        }
    }

    private void checkReferencedFiles(Map<String, Blob> blobs, boolean repair) throws IOException {
        long checked = 0;
        for (Blob blob : blobs.values()) {
            progress.advanced("message files", checked++, blobs.size());
            Path file = files.resolve(blob.path());
            long size;
            try {
                size = Files.size(file);
            } catch (NoSuchFileException e) {
                if (stillReferenced(blob)) {
                    problems.add(new Problem(Kind.MISSING_FILE, blob.path(), referrers(blob), repair));
                    if (repair) {
                        dropBlob(blob);
                    }
                }
                continue;
            }
            if (size != blob.fileSize()) {
                problems.add(new Problem(Kind.SIZE_MISMATCH, blob.path(),
                        "file has " + size + " bytes, index says " + blob.fileSize(), false));
            }
        }
    }

    private void checkUnreferencedFiles(Set<String> referenced, boolean repair) throws IOException {
        Set<String> known = new HashSet<>(referenced);
        List<String> all = files.listAll();
        long looked = 0;
        for (String path : all) {
            progress.advanced("files on disk", looked++, all.size());
            if (!known.contains(path) && isSettled(path) && !isReferencedNow(path)) {
                problems.add(new Problem(Kind.ORPHAN_FILE, path, "no index row references it", repair));
                if (repair) {
                    files.deleteQuietly(List.of(path));
                }
            }
        }
        progress.advanced("files on disk", all.size(), all.size());
        for (String path : files.listTemporary()) {
            if (isSettled(path)) {
                problems.add(new Problem(Kind.TEMPORARY_FILE, path, "left by an interrupted write", repair));
                if (repair) {
                    files.deleteQuietly(List.of(path));
                }
            }
        }
    }

    private record Usage(String mailbox, long recorded, long actual) {
    }

    private void checkUsage(boolean repair) {
        List<Usage> wrong = database.read(session -> session.list("SELECT d.name, m.name, m.used_bytes,"
                + " (SELECT COALESCE(SUM(size), 0) FROM message WHERE mailbox_id = m.id) AS actual"
                + " FROM mailbox m JOIN domain d ON d.id = m.domain_id"
                + " WHERE m.used_bytes <> (SELECT COALESCE(SUM(size), 0) FROM message WHERE mailbox_id = m.id)",
                row -> new Usage(row.getString(1) + " " + row.getString(2), row.getLong(3), row.getLong(4))));
        for (Usage each : wrong) {
            problems.add(new Problem(Kind.USAGE_MISMATCH, each.mailbox(),
                    "usage " + each.recorded() + " bytes, messages sum to " + each.actual(), repair));
        }
        if (repair && !wrong.isEmpty()) {
            database.write(session -> session.update("UPDATE mailbox SET used_bytes ="
                    + " (SELECT COALESCE(SUM(size), 0) FROM message WHERE mailbox_id = mailbox.id)"));
        }
    }

    private boolean isSettled(String path) throws IOException {
        try {
            long modified = Files.getLastModifiedTime(files.resolve(path)).toMillis();
            return clock.millis() - modified > GRACE.toMillis();
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private boolean stillReferenced(Blob blob) {
        return database.read(session -> session.number("SELECT COUNT(*) FROM message_file WHERE id = ?", blob.id())) > 0;
    }

    private boolean isReferencedNow(String path) {
        return database.read(session -> session.number("SELECT COUNT(*) FROM message_file WHERE path = ?", path)) > 0;
    }

    private String referrers(Blob blob) {
        List<String> uses = database.read(session -> session.list("SELECT d.name, m.name, x.uid FROM message x"
                + " JOIN mailbox m ON m.id = x.mailbox_id JOIN domain d ON d.id = m.domain_id WHERE x.file_id = ?",
                row -> row.getString(1) + " " + row.getString(2) + " uid " + row.getLong(3), blob.id()));
        return "referenced by " + (uses.isEmpty() ? "no message" : String.join(", ", uses));
    }

    private void dropBlob(Blob blob) {
        database.write(session -> drop(session, blob.id()));
    }

    /** Drops the messages of a lost file: expunged at a new modseq each, so clients and sync peers learn of it. */
    Void drop(Session session, long blobId) throws SQLException {
        Map<Long, List<Long>> uidsByMailbox = new HashMap<>();
        Map<String, String> guids = new HashMap<>();
        session.forEach("SELECT mailbox_id, uid, guid FROM message WHERE file_id = ?", row -> {
            uidsByMailbox.computeIfAbsent(row.getLong(1), m -> new ArrayList<>()).add(row.getLong(2));
            guids.put(row.getLong(1) + ":" + row.getLong(2), row.getString(3));
        }, blobId);
        session.update("DELETE FROM message WHERE file_id = ?", blobId);
        session.update("DELETE FROM message_file WHERE id = ?", blobId);
        ModseqCounter modseqs = new ModseqCounter(session);
        for (Map.Entry<Long, List<Long>> each : uidsByMailbox.entrySet()) {
            long mailbox = each.getKey();
            long modseq = modseqs.next();
            List<Expunged> gone = new ArrayList<>();
            for (long uid : each.getValue()) {
                gone.add(new Expunged(uid, guids.get(mailbox + ":" + uid), modseq));
            }
            ExpungeLog.record(session, mailbox, gone, clock.millis());
            session.update("UPDATE mailbox SET highest_modseq = ?, used_bytes = (SELECT COALESCE(SUM(size), 0)"
                    + " FROM message WHERE mailbox_id = ?) WHERE id = ?", modseq, mailbox, mailbox);
        }
        modseqs.save();
        return null;
    }
}
