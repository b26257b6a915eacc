package org.storemulti.store.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.storemulti.store.db.Database;
import org.storemulti.store.db.Session;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.ObjectKind;
import org.storemulti.store.error.StorageException;
import org.storemulti.store.message.MessageEnvelope;
import org.storemulti.store.message.MessageFiles;
import org.storemulti.store.message.MessageFiles.FileFacts;
import org.storemulti.store.message.MessageGarbage;

/**
 * Rebuilds one mailbox's index from the message files. Index rows whose file exists are
 * kept with their UID, flags and internal date; rows whose file is gone are removed;
 * files whose envelope names this mailbox but that the mailbox does not reference get new
 * UIDs, the envelope's internal date and no flags. Usage is recomputed.
 *
 * <p>Limits: run it while nothing delivers to the mailbox; a file shared with other
 * recipients that was expunged here reappears (the files keep no expunge record); files
 * written before a mailbox rename carry the old name and are found only while indexed.
 */
final class Reconstructor {

    private record Candidate(String path, FileFacts facts) {
    }

    private final Database database;
    private final MessageFiles files;

    Reconstructor(Database database, MessageFiles files) {
        this.database = database;
        this.files = files;
    }

    /** Reconstructs one mailbox. */
    ReconstructResult run(String domain, String mailbox) {
        Map<MessageEnvelope.Recipient, List<Candidate>> candidates = scan();
        return database.write(session -> rebuild(session, domain, mailbox,
                candidates.getOrDefault(new MessageEnvelope.Recipient(domain, mailbox), List.of())));
    }

    /**
     * Reconstructs {@code root} and every mailbox below it ({@code reconstruct -r}); an
     * empty root means every mailbox of the domain. One scan of the files serves them all.
     */
    List<ReconstructResult> runTree(String domain, String root) {
        List<String> mailboxes = database.read(session -> session.list("SELECT m.name FROM mailbox m"
                + " JOIN domain d ON d.id = m.domain_id WHERE d.name = ? ORDER BY m.name",
                row -> row.getString(1), domain)).stream()
                .filter(name -> root.isEmpty() || name.equals(root) || name.startsWith(root + "/"))
                .toList();
        if (mailboxes.isEmpty()) {
            throw new NotFoundException(ObjectKind.MAILBOX, domain + " " + (root.isEmpty() ? "*" : root));
        }
        Map<MessageEnvelope.Recipient, List<Candidate>> candidates = scan();
        List<ReconstructResult> results = new ArrayList<>();
        for (String mailbox : mailboxes) {
            results.add(database.write(session -> rebuild(session, domain, mailbox,
                    candidates.getOrDefault(new MessageEnvelope.Recipient(domain, mailbox), List.of()))));
        }
        return results;
    }

    private ReconstructResult rebuild(Session session, String domain, String mailbox, List<Candidate> candidates)
            throws SQLException {
        long mailboxId = session.first("SELECT m.id FROM mailbox m JOIN domain d ON d.id = m.domain_id"
                + " WHERE d.name = ? AND m.name = ?", row -> row.getLong(1), domain, mailbox)
                .orElseThrow(() -> new NotFoundException(ObjectKind.MAILBOX, domain + " " + mailbox));
        int removed = removeMissing(session, mailboxId);
        Set<String> indexed = new HashSet<>(session.list("SELECT b.path FROM message x JOIN message_file b"
                + " ON b.id = x.file_id WHERE x.mailbox_id = ?", row -> row.getString(1), mailboxId));
        int added = 0;
        for (Candidate candidate : candidates) {
            if (!indexed.contains(candidate.path())) {
                add(session, mailboxId, candidate);
                added++;
            }
        }
        session.update("UPDATE mailbox SET used_bytes = (SELECT COALESCE(SUM(size), 0) FROM message"
                + " WHERE mailbox_id = ?) WHERE id = ?", mailboxId, mailboxId);
        return new ReconstructResult(domain, mailbox, indexed.size(), added, removed);
    }

    /** Every message file with an envelope, by the recipients it names. */
    private Map<MessageEnvelope.Recipient, List<Candidate>> scan() {
        Map<MessageEnvelope.Recipient, List<Candidate>> found = new HashMap<>();
        try {
            for (String path : files.listAll()) {
                FileFacts facts = files.inspect(path);
                if (facts.envelope() != null) {
                    for (MessageEnvelope.Recipient recipient : facts.envelope().recipients()) {
                        found.computeIfAbsent(recipient, r -> new ArrayList<>()).add(new Candidate(path, facts));
                    }
                }
            }
        } catch (IOException e) {
            throw new StorageException(files.directory().toString(), e);
        }
        return found;
    }

    private record Indexed(long uid, String path) {
    }

    private int removeMissing(Session session, long mailboxId) throws SQLException {
        int removed = 0;
        for (Indexed row : session.list("SELECT x.uid, b.path FROM message x JOIN message_file b ON b.id = x.file_id"
                + " WHERE x.mailbox_id = ?", r -> new Indexed(r.getLong(1), r.getString(2)), mailboxId)) {
            if (!Files.exists(files.resolve(row.path()))) {
                MessageGarbage.dropMessages(session, "mailbox_id = ? AND uid = ?", mailboxId, row.uid());
                removed++;
            }
        }
        return removed;
    }

    private static void add(Session session, long mailboxId, Candidate candidate) throws SQLException {
        long blobId = session.number("SELECT id FROM message_file WHERE path = ?", candidate.path());
        if (blobId == 0) {
            blobId = session.nextId("message_file");
            session.update("INSERT INTO message_file (id, path, size, file_size) VALUES (?, ?, ?, ?)", blobId,
                    candidate.path(), candidate.facts().bodySize(), candidate.facts().fileSize());
        }
        long uid = session.number("SELECT next_uid FROM mailbox WHERE id = ?", mailboxId);
        session.update("INSERT INTO message (mailbox_id, uid, file_id, internal_date, size, seen, deleted, flags)"
                + " VALUES (?, ?, ?, ?, ?, 0, 0, '')", mailboxId, uid, blobId,
                candidate.facts().envelope().internalDate().toEpochMilli(), candidate.facts().bodySize());
        session.update("UPDATE mailbox SET next_uid = ? WHERE id = ?", uid + 1, mailboxId);
    }
}
