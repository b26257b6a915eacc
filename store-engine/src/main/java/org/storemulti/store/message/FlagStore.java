package org.storemulti.store.message;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.storemulti.store.db.Session;

/**
 * IMAP STORE inside one write transaction: every message whose flags change gets the same
 * new modseq; messages already as asked keep theirs; with UNCHANGEDSINCE, a message changed
 * after it is refused and left alone (RFC 7162).
 */
final class FlagStore {

    private FlagStore() {
    }

    /** {@code unchangedSince} below 0 means no condition. */
    static StoreResult store(Session session, TargetMailbox mailbox, UidSet uids, FlagChange change,
            long unchangedSince, ModseqCounter modseqs) throws SQLException {
        FlagsInterner interner = new FlagsInterner();
        List<MessageFlags> changed = new ArrayList<>();
        List<Long> refused = new ArrayList<>();
        UidRows.forEach(session, "SELECT x.uid, x.guid, x.modseq, x.system_flags, x.keywords FROM message x",
                mailbox.id(), uids, row -> {
                    Flags current = interner.flags(row.getInt(4), row.getString(5));
                    Flags next = change.applyTo(current);
                    if (unchangedSince >= 0 && row.getLong(3) > unchangedSince) {
                        refused.add(row.getLong(1));
                    } else if (!next.equals(current)) {
                        changed.add(new MessageFlags(row.getLong(1), row.getString(2), 0, next));
                    }
                });
        if (changed.isEmpty()) {
            return new StoreResult(0, List.of(), UidSet.of(refused));
        }
        long modseq = modseqs.next();
        List<Object[]> rows = new ArrayList<>(changed.size());
        List<MessageFlags> result = new ArrayList<>(changed.size());
        Set<String> keywords = new HashSet<>();
        for (MessageFlags each : changed) {
            rows.add(new Object[] {each.flags().systemBits(), each.flags().keywordColumn(), modseq, mailbox.id(),
                each.uid()});
            result.add(new MessageFlags(each.uid(), each.guid(), modseq, each.flags()));
            keywords.addAll(each.flags().keywords());
        }
        session.batch("UPDATE message SET system_flags = ?, keywords = ?, modseq = ? WHERE mailbox_id = ? AND uid = ?",
                rows);
        MailboxKeywords.register(session, mailbox.id(), Flags.of(keywords));
        session.update("UPDATE mailbox SET highest_modseq = ? WHERE id = ?", modseq, mailbox.id());
        return new StoreResult(modseq, result, UidSet.of(refused));
    }
}
