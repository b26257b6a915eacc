package org.storemulti.store.message;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.storemulti.store.change.MailboxChange;
import org.storemulti.store.db.Session;
import org.storemulti.store.message.Deliverer.Pending;
import org.storemulti.store.message.DeliveryResult.OverQuota;
import org.storemulti.store.message.DeliveryResult.Stored;
import org.storemulti.store.message.DeliveryResult.TemporaryFailure;
import org.storemulti.store.message.DeliveryResult.UnknownMailbox;
import org.storemulti.store.name.Guid;

/**
 * The index side of one group commit, inside one write transaction: per delivery, find
 * the mailbox, check every quota above it, reference the file (one blob row per file, with
 * its MIME facts), assign the UID, GUID and modseq and charge the usage.
 */
final class IndexTransaction {

    private final Session session;
    private final Map<String, Long> blobIds = new HashMap<>();
    private final Map<Long, MailboxChange> changes = new LinkedHashMap<>();
    private long nextBlobId;
    private ModseqCounter modseqs;

    IndexTransaction(Session session) {
        this.session = session;
    }

    /** The results, one per pending delivery, and the mailboxes that changed. */
    record Indexed(List<DeliveryResult> results, List<MailboxChange> changes) {
    }

    Indexed index(List<Pending> pending) throws SQLException {
        nextBlobId = session.nextId("message_file");
        modseqs = new ModseqCounter(session);
        List<DeliveryResult> results = new ArrayList<>();
        for (Pending each : pending) {
            results.add(each.file() == null ? new TemporaryFailure(each.failure()) : indexOne(each));
        }
        modseqs.save();
        return new Indexed(results, new ArrayList<>(changes.values()));
    }

    private DeliveryResult indexOne(Pending pending) throws SQLException {
        Optional<TargetMailbox> found = pending.mailboxId() > 0 ? TargetMailbox.byId(session, pending.mailboxId())
                : TargetMailbox.byName(session, pending.domain(), pending.mailbox());
        if (found.isEmpty()) {
            return new UnknownMailbox(pending.domain(), pending.mailbox());
        }
        TargetMailbox target = found.get();
        long size = pending.file().bodySize();
        Optional<OverQuota> over = QuotaCheck.check(session, target, size, null);
        if (over.isPresent()) {
            return over.get();
        }
        String guid = pending.guidGiven() ? freeGuid(session, target.id(), pending.guid()) : pending.guid();
        long uid = Math.max(pending.uid(), target.nextUid());
        long modseq = modseqs.next();
        Flags flags = pending.flags();
        session.update("INSERT INTO message (mailbox_id, uid, file_id, internal_date, size, system_flags, keywords,"
                + " modseq, guid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", target.id(), uid, blobId(pending),
                pending.internalDate().toEpochMilli(), size, flags.systemBits(), flags.keywordColumn(), modseq, guid);
        session.update("UPDATE mailbox SET next_uid = ?, used_bytes = used_bytes + ?, highest_modseq = ? WHERE id = ?",
                uid + 1, size, modseq, target.id());
        MailboxKeywords.register(session, target.id(), flags);
        changes.put(target.id(), target.change(modseq, uid + 1));
        return new Stored(uid, target.uidValidity(), guid, modseq);
    }

    /** {@code wanted}, unless the mailbox already has a message with that GUID: then a new one. */
    static String freeGuid(Session session, long mailboxId, String wanted) throws SQLException {
        if (wanted != null && session.number("SELECT COUNT(*) FROM message WHERE mailbox_id = ? AND guid = ?",
                mailboxId, wanted) == 0) {
            return wanted;
        }
        return Guid.random();
    }

    private long blobId(Pending pending) throws SQLException {
        StagedFile file = pending.file();
        Long known = blobIds.get(file.path());
        if (known != null) {
            return known;
        }
        long id = nextBlobId++;
        session.update("INSERT INTO message_file (id, path, size, file_size, mime, header) VALUES (?, ?, ?, ?, ?, ?)",
                id, file.path(), file.bodySize(), file.fileSize(), pending.mime().structure(), pending.mime().header());
        blobIds.put(file.path(), id);
        return id;
    }
}
