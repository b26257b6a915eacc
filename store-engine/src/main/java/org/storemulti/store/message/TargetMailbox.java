package org.storemulti.store.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.storemulti.store.change.MailboxChange;
import org.storemulti.store.db.Session;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.ObjectKind;

/** A mailbox row as message operations read it inside their transaction. */
record TargetMailbox(long id, long domainId, String domain, String name, String guid, long uidValidity, long nextUid,
        long highestModseq, Long domainQuotaKb) {

    private static final String SELECT = "SELECT m.id, m.domain_id, d.name, m.name, m.guid, m.uid_validity,"
            + " m.next_uid, m.highest_modseq, d.quota_kb FROM mailbox m JOIN domain d ON d.id = m.domain_id";

    static Optional<TargetMailbox> byName(Session session, String domain, String mailbox) throws SQLException {
        return session.first(SELECT + " WHERE d.name = ? AND m.name = ?", TargetMailbox::row, domain, mailbox);
    }

    static Optional<TargetMailbox> byId(Session session, long id) throws SQLException {
        return session.first(SELECT + " WHERE m.id = ?", TargetMailbox::row, id);
    }

    /** The mailbox with {@code id}, or NotFound naming it as {@code known} (it was deleted). */
    static TargetMailbox require(Session session, long id, String known) throws SQLException {
        return byId(session, id).orElseThrow(() -> new NotFoundException(ObjectKind.MAILBOX, known));
    }

    private static TargetMailbox row(ResultSet row) throws SQLException {
        return new TargetMailbox(row.getLong(1), row.getLong(2), row.getString(3), row.getString(4), row.getString(5),
                row.getLong(6), row.getLong(7), row.getLong(8), row.getObject(9) == null ? null : row.getLong(9));
    }

    /** The change feed's note that messages changed, as of {@code highestModseq} and {@code uidNext}. */
    MailboxChange change(long highestModseq, long uidNext) {
        return new MailboxChange(MailboxChange.Kind.MESSAGES, domain, name, guid, highestModseq, uidNext);
    }
}
