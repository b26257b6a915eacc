package org.storemulti.store.message;

import java.sql.SQLException;
import org.storemulti.store.db.Session;
import org.storemulti.store.db.Session.RowConsumer;

/**
 * Runs a query over the messages of a mailbox whose UIDs are in a {@link UidSet}: one
 * indexed range scan per range, or, for a set of many small ranges, one scan from its
 * smallest to its largest UID filtered here. The UID must be the query's first column,
 * the message table's alias {@code x}.
 */
final class UidRows {

    private static final int MAX_RANGE_QUERIES = 16;

    private UidRows() {
    }

    /** {@code select} reads from {@code message x} (and may join); the UID range and order are added here. */
    static void forEach(Session session, String select, long mailboxId, UidSet uids, RowConsumer consumer)
            throws SQLException {
        String sql = select + " WHERE x.mailbox_id = ? AND x.uid BETWEEN ? AND ? ORDER BY x.uid";
        if (uids.rangeCount() <= MAX_RANGE_QUERIES) {
            for (int r = 0; r < uids.rangeCount(); r++) {
                session.forEach(sql, consumer, mailboxId, uids.start(r), uids.end(r));
            }
            return;
        }
        session.forEach(sql, row -> {
            if (uids.contains(row.getLong(1))) {
                consumer.accept(row);
            }
        }, mailboxId, uids.min(), uids.max());
    }
}
