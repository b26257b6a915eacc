package org.storemulti.store.message;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.storemulti.store.db.Session;
import org.storemulti.store.error.ConflictException;
import org.storemulti.store.error.InvalidArgumentException;

/**
 * New UIDs for messages inside one write transaction, everything else kept (GUID, flags, date,
 * file): a sync resolving a UID conflict (same UID validity: new UIDs from UIDNEXT on, the old
 * ones logged as expunged) or merging a mailbox with its peer's (another UID validity: every
 * message gets a UID under it, the expunge log starts over). All moved messages take one new
 * modseq.
 */
final class Renumberer {

    private record Row(long uid, String guid) {
    }

    private Renumberer() {
    }

    /** The moves done (old UID, new UID, GUID) and the modseq they took; 0 if nothing moved. */
    record Outcome(List<Expunged> gone, long modseq, long nextUid) {
    }

    static Outcome renumber(Session session, TargetMailbox mailbox, long uidValidity, Map<Long, Long> newUids,
            ModseqCounter modseqs, long nowMillis) throws SQLException {
        boolean sameValidity = uidValidity == mailbox.uidValidity();
        if (uidValidity <= 0) {
            throw new InvalidArgumentException("UID validity", Long.toString(uidValidity), "must be positive");
        }
        List<Row> rows = session.list("SELECT uid, guid FROM message WHERE mailbox_id = ? ORDER BY uid",
                row -> new Row(row.getLong(1), row.getString(2)), mailbox.id());
        check(mailbox, sameValidity, newUids, rows);
        List<Row> moving = rows.stream().filter(r -> newUids.containsKey(r.uid())
                && newUids.get(r.uid()) != r.uid()).toList();
        if (sameValidity && moving.isEmpty()) {
            return new Outcome(List.of(), 0, mailbox.nextUid());
        }
        long modseq = modseqs.next();
        // two steps: a new UID may be another message's old one (under a new UID validity)
        List<Object[]> parked = new ArrayList<>();
        List<Expunged> gone = new ArrayList<>();
        for (Row row : moving) {
            parked.add(new Object[] {-newUids.get(row.uid()), modseq, mailbox.id(), row.uid()});
            gone.add(new Expunged(row.uid(), row.guid(), modseq));
        }
        session.batch("UPDATE message SET uid = ?, modseq = ? WHERE mailbox_id = ? AND uid = ?", parked);
        session.update("UPDATE message SET uid = -uid WHERE mailbox_id = ? AND uid < 0", mailbox.id());
        long highest = rows.stream().filter(r -> newUids.containsKey(r.uid())).mapToLong(r -> newUids.get(r.uid()))
                .max().orElse(0);
        long nextUid = sameValidity ? Math.max(mailbox.nextUid(), highest + 1) : highest + 1;
        if (sameValidity) {
            session.update("UPDATE mailbox SET next_uid = ?, highest_modseq = ? WHERE id = ?", nextUid, modseq,
                    mailbox.id());
            ExpungeLog.record(session, mailbox.id(), gone, nowMillis);
        } else {
            session.update("UPDATE message SET modseq = ? WHERE mailbox_id = ?", modseq, mailbox.id());
            session.update("UPDATE mailbox SET uid_validity = ?, next_uid = ?, first_recent_uid = ?, highest_modseq = ?"
                    + " WHERE id = ?", uidValidity, nextUid, nextUid, modseq, mailbox.id());
            ExpungeLog.forget(session, mailbox.id(), modseq);
        }
        return new Outcome(gone, modseq, nextUid);
    }

    private static void check(TargetMailbox mailbox, boolean sameValidity, Map<Long, Long> newUids, List<Row> rows) {
        Set<Long> targets = new HashSet<>();
        for (Map.Entry<Long, Long> move : newUids.entrySet()) {
            long target = move.getValue();
            if (sameValidity && target == move.getKey()) {
                continue; // stays where it is
            }
            if (target <= 0 || !targets.add(target)) {
                throw new InvalidArgumentException("new UID", Long.toString(target), "must be positive and unique");
            }
            if (sameValidity && target < mailbox.nextUid()) {
                throw new ConflictException("mailbox " + mailbox.domain() + " " + mailbox.name(),
                        "new UID " + target + " is below UIDNEXT " + mailbox.nextUid() + ": UIDs are never reused");
            }
        }
        if (!sameValidity) {
            for (Row row : rows) {
                if (!newUids.containsKey(row.uid())) {
                    throw new ConflictException("mailbox " + mailbox.domain() + " " + mailbox.name(),
                            "uid " + row.uid() + " has no UID under the new UID validity: every message needs one");
                }
            }
        }
    }
}
