package org.storemulti.store.message;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.storemulti.store.db.Session;
import org.storemulti.store.message.DeliveryResult.OverQuota;

/**
 * COPY and MOVE inside one write transaction: the copies reference the same immutable
 * files, get new UIDs in the target (in source UID order, for COPYUID), one new modseq,
 * the source's flags and internal dates, and keep their GUIDs unless the target already
 * has a message with one (a copy into the same mailbox gets a new GUID). A move expunges
 * the originals in the same transaction. The target's quota is checked first; a refused
 * copy changes nothing.
 */
final class Copier {

    private record Row(long uid, String guid, long fileId, long internalDate, long size, int bits, String keywords) {
    }

    private Copier() {
    }

    /** The copy's result and, for a move, what the source lost. */
    record Outcome(CopyResult result, Expunger.Outcome moved) {
    }

    static Outcome copy(Session session, TargetMailbox source, UidSet uids, TargetMailbox target, boolean move,
            ModseqCounter modseqs, long nowMillis) throws SQLException {
        List<Row> rows = new ArrayList<>();
        UidRows.forEach(session, "SELECT x.uid, x.guid, x.file_id, x.internal_date, x.size, x.system_flags,"
                + " x.keywords FROM message x", source.id(), uids, row -> rows.add(new Row(row.getLong(1),
                        row.getString(2), row.getLong(3), row.getLong(4), row.getLong(5), row.getInt(6),
                        row.getString(7))));
        if (rows.isEmpty()) {
            return new Outcome(new CopyResult(target.uidValidity(), List.of(), List.of(), target.highestModseq()), null);
        }
        long total = rows.stream().mapToLong(Row::size).sum();
        Optional<OverQuota> over = QuotaCheck.check(session, target, total, move ? source : null);
        if (over.isPresent()) {
            throw over.get().toException();
        }
        Expunger.Outcome moved = null;
        if (move) {
            moved = Expunger.expunge(session, source, UidSet.of(rows.stream().map(Row::uid).toList()), false, true,
                    modseqs, nowMillis);
        }
        TargetMailbox current = TargetMailbox.require(session, target.id(), target.domain() + " " + target.name());
        long modseq = modseqs.next();
        long uid = current.nextUid();
        List<Long> sourceUids = new ArrayList<>();
        List<Long> targetUids = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        Set<String> keywords = new HashSet<>();
        for (Row row : rows) {
            String guid = IndexTransaction.freeGuid(session, target.id(), row.guid());
            inserts.add(new Object[] {target.id(), uid, row.fileId(), row.internalDate(), row.size(), row.bits(),
                row.keywords(), modseq, guid});
            sourceUids.add(row.uid());
            targetUids.add(uid++);
            if (!row.keywords().isEmpty()) {
                keywords.addAll(List.of(row.keywords().split(" ")));
            }
        }
        session.batch("INSERT INTO message (mailbox_id, uid, file_id, internal_date, size, system_flags, keywords,"
                + " modseq, guid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts);
        session.update("UPDATE mailbox SET next_uid = ?, used_bytes = used_bytes + ?, highest_modseq = ? WHERE id = ?",
                uid, total, modseq, target.id());
        MailboxKeywords.register(session, target.id(), Flags.of(keywords));
        return new Outcome(new CopyResult(target.uidValidity(), sourceUids, targetUids, modseq), moved);
    }
}
