package org.storemulti.store.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.storemulti.store.db.Database;
import org.storemulti.store.db.LegacyGuid;
import org.storemulti.store.db.Session;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.ObjectKind;
import org.storemulti.store.error.StorageException;
import org.storemulti.store.message.ExpungeLog;
import org.storemulti.store.message.Expunged;
import org.storemulti.store.message.MessageEnvelope;
import org.storemulti.store.message.MessageFiles;
import org.storemulti.store.message.MessageFiles.FileFacts;
import org.storemulti.store.message.MessageGarbage;
import org.storemulti.store.message.ModseqCounter;
import org.storemulti.store.name.Guid;

/**
 * Rebuilds one mailbox's index from the message files. Index rows whose file exists are
 * kept with their UID, GUID, flags, keywords and internal date; rows whose file is gone are
 * removed (and logged as expunged); files whose envelope line names this mailbox (by its
 * GUID, or by name in files written before GUIDs) but that the mailbox does not reference
 * get new UIDs, the GUID the envelope recorded (or, for older files, the one the schema
 * upgrade derived from the file), the envelope's internal date and no flags. A message the
 * expunge log still remembers stays expunged. Every message then gets one new modseq, above
 * every modseq given before, so clients and sync peers see the mailbox as changed and
 * never see a modseq go down. Usage is recomputed.
 *
 * <p>Limits: run it while nothing delivers to the mailbox; a file shared with other
 * recipients that was expunged here before the log's retention reappears; copies made by
 * COPY or MOVE are found only while indexed (a file names the mailboxes it was delivered or
 * appended to).
 */
final class Reconstructor {

    /** A file's delivery to one recipient: the {@code ordinal}-th time the file names this mailbox. */
    private record Candidate(String path, FileFacts facts, String guid, int ordinal) {
    }

    private record Mailbox(long id, String name, String guid) {
    }

    private final Database database;
    private final MessageFiles files;
    private final Clock clock;

    Reconstructor(Database database, MessageFiles files, Clock clock) {
        this.database = database;
        this.files = files;
        this.clock = clock;
    }

    /** Reconstructs one mailbox. */
    ReconstructResult run(String domain, String mailbox) {
        Scan scan = scan();
        return database.write(session -> rebuild(session, domain, find(session, domain, mailbox), scan));
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
        Scan scan = scan();
        List<ReconstructResult> results = new ArrayList<>();
        for (String mailbox : mailboxes) {
            results.add(database.write(session -> rebuild(session, domain, find(session, domain, mailbox), scan)));
        }
        return results;
    }

    private static Mailbox find(Session session, String domain, String mailbox) throws SQLException {
        return session.first("SELECT m.id, m.name, m.guid FROM mailbox m JOIN domain d ON d.id = m.domain_id"
                + " WHERE d.name = ? AND m.name = ?", row -> new Mailbox(row.getLong(1), row.getString(2),
                        row.getString(3)), domain, mailbox)
                .orElseThrow(() -> new NotFoundException(ObjectKind.MAILBOX, domain + " " + mailbox));
    }

    private ReconstructResult rebuild(Session session, String domain, Mailbox mailbox, Scan scan) throws SQLException {
        ModseqCounter modseqs = new ModseqCounter(session);
        long modseq = modseqs.next();
        int removed = removeMissing(session, mailbox.id(), modseq);
        Map<String, Integer> referenced = new HashMap<>();
        Set<String> guids = new HashSet<>();
        session.forEach("SELECT b.path, x.guid FROM message x JOIN message_file b ON b.id = x.file_id"
                + " WHERE x.mailbox_id = ?", row -> {
                    referenced.merge(row.getString(1), 1, Integer::sum);
                    guids.add(row.getString(2));
                }, mailbox.id());
        Set<String> expunged = new HashSet<>(session.list("SELECT guid FROM expunged WHERE mailbox_id = ?",
                row -> row.getString(1), mailbox.id()));
        int kept = referenced.values().stream().mapToInt(Integer::intValue).sum();
        int added = 0;
        for (Candidate candidate : scan.candidates(domain, mailbox)) {
            if (candidate.guid() != null ? guids.contains(candidate.guid()) || expunged.contains(candidate.guid())
                    : candidate.ordinal() < referenced.getOrDefault(candidate.path(), 0)) {
                continue;
            }
            String guid = candidate.guid() != null ? candidate.guid()
                    : LegacyGuid.message(candidate.path(), candidate.ordinal());
            if (guids.contains(guid) || expunged.contains(guid)) {
                guid = candidate.guid() != null ? Guid.random() : null;
                if (guid == null) {
                    continue; // the derived GUID of a pre-GUID message that was expunged: it stays expunged
                }
            }
            guids.add(guid);
            add(session, mailbox.id(), candidate, guid);
            added++;
        }
        session.update("UPDATE message SET modseq = ? WHERE mailbox_id = ?", modseq, mailbox.id());
        session.update("UPDATE mailbox SET highest_modseq = ?, used_bytes = (SELECT COALESCE(SUM(size), 0) FROM message"
                + " WHERE mailbox_id = ?) WHERE id = ?", modseq, mailbox.id(), mailbox.id());
        modseqs.save();
        return new ReconstructResult(domain, mailbox.name(), kept, added, removed);
    }

    private record Indexed(long uid, String path, String guid) {
    }

    private int removeMissing(Session session, long mailboxId, long modseq) throws SQLException {
        List<Expunged> gone = new ArrayList<>();
        for (Indexed row : session.list("SELECT x.uid, b.path, x.guid FROM message x JOIN message_file b"
                + " ON b.id = x.file_id WHERE x.mailbox_id = ?",
                r -> new Indexed(r.getLong(1), r.getString(2), r.getString(3)), mailboxId)) {
            if (!Files.exists(files.resolve(row.path()))) {
                MessageGarbage.dropMessages(session, "mailbox_id = ? AND uid = ?", mailboxId, row.uid());
                gone.add(new Expunged(row.uid(), row.guid(), modseq));
            }
        }
        ExpungeLog.record(session, mailboxId, gone, clock.millis());
        return gone.size();
    }

    private static void add(Session session, long mailboxId, Candidate candidate, String guid) throws SQLException {
        long blobId = session.number("SELECT id FROM message_file WHERE path = ?", candidate.path());
        if (blobId == 0) {
            blobId = session.nextId("message_file");
            session.update("INSERT INTO message_file (id, path, size, file_size) VALUES (?, ?, ?, ?)", blobId,
                    candidate.path(), candidate.facts().bodySize(), candidate.facts().fileSize());
        }
        long uid = session.number("SELECT next_uid FROM mailbox WHERE id = ?", mailboxId);
        session.update("INSERT INTO message (mailbox_id, uid, file_id, internal_date, size, system_flags, keywords,"
                + " modseq, guid) VALUES (?, ?, ?, ?, ?, 0, '', 0, ?)", mailboxId, uid, blobId,
                candidate.facts().envelope().internalDate().toEpochMilli(), candidate.facts().bodySize(), guid);
        session.update("UPDATE mailbox SET next_uid = ? WHERE id = ?", uid + 1, mailboxId);
    }

    /** Every message file's recipients, by mailbox GUID and, for recipients without one, by name. */
    private static final class Scan {
        final Map<String, List<Candidate>> byGuid = new HashMap<>();
        final Map<MessageEnvelope.Recipient, List<Candidate>> byName = new HashMap<>();

        List<Candidate> candidates(String domain, Mailbox mailbox) {
            List<Candidate> all = new ArrayList<>(byGuid.getOrDefault(mailbox.guid(), List.of()));
            all.addAll(byName.getOrDefault(new MessageEnvelope.Recipient(domain, mailbox.name()), List.of()));
            return all;
        }
    }

    private Scan scan() {
        Scan scan = new Scan();
        try {
            for (String path : files.listAll()) {
                FileFacts facts = files.inspect(path);
                if (facts.envelope() == null) {
                    continue;
                }
                Map<String, Integer> ordinals = new HashMap<>();
                for (MessageEnvelope.Recipient recipient : facts.envelope().recipients()) {
                    String key = recipient.mailboxGuid() != null ? recipient.mailboxGuid()
                            : recipient.domain() + "\0" + recipient.mailbox();
                    int ordinal = ordinals.merge(key, 1, Integer::sum) - 1;
                    Candidate candidate = new Candidate(path, facts, recipient.guid(), ordinal);
                    if (recipient.mailboxGuid() != null) {
                        scan.byGuid.computeIfAbsent(recipient.mailboxGuid(), g -> new ArrayList<>()).add(candidate);
                    } else {
                        scan.byName.computeIfAbsent(new MessageEnvelope.Recipient(recipient.domain(),
                                recipient.mailbox()), r -> new ArrayList<>()).add(candidate);
                    }
                }
            }
        } catch (IOException e) {
            throw new StorageException(files.directory().toString(), e);
        }
        return scan;
    }
}
