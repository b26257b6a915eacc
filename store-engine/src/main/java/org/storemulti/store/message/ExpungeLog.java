package org.storemulti.store.message;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.storemulti.store.db.Session;

/**
 * Expunged messages per mailbox with the modseq at which they went (QRESYNC's VANISHED,
 * incremental sync). Retention is bounded: per mailbox the newest {@link #MAX_ENTRIES}
 * entries younger than {@link #MAX_AGE}. Pruning raises the mailbox's
 * {@code expunge_floor}, and a question from below the floor is answered "forgotten",
 * never with a partial list.
 */
public final class ExpungeLog {

    /** Entries kept per mailbox. */
    public static final int MAX_ENTRIES = 50_000;
    /** How long an entry is kept. */
    public static final Duration MAX_AGE = Duration.ofDays(90);

    private ExpungeLog() {
    }

    /** Records {@code gone} (expunged in this transaction) and prunes the mailbox's log. */
    public static void record(Session session, long mailboxId, List<Expunged> gone, long nowMillis)
            throws SQLException {
        if (gone.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(gone.size());
        for (Expunged each : gone) {
            rows.add(new Object[] {mailboxId, each.uid(), each.modseq(), each.guid(), nowMillis});
        }
        session.batch("INSERT INTO expunged (mailbox_id, uid, modseq, guid, expunged_at) VALUES (?, ?, ?, ?, ?)", rows);
        prune(session, mailboxId, nowMillis);
    }

    private static void prune(Session session, long mailboxId, long nowMillis) throws SQLException {
        long floor = session.number("SELECT MAX(modseq) FROM expunged WHERE mailbox_id = ? AND expunged_at < ?",
                mailboxId, nowMillis - MAX_AGE.toMillis());
        long count = session.number("SELECT COUNT(*) FROM expunged WHERE mailbox_id = ?", mailboxId);
        if (count > MAX_ENTRIES) {
            floor = Math.max(floor, session.number("SELECT modseq FROM expunged WHERE mailbox_id = ?"
                    + " ORDER BY modseq LIMIT 1 OFFSET ?", mailboxId, count - MAX_ENTRIES - 1));
        }
        if (floor > 0) {
            session.update("DELETE FROM expunged WHERE mailbox_id = ? AND modseq <= ?", mailboxId, floor);
            session.update("UPDATE mailbox SET expunge_floor = ? WHERE id = ? AND expunge_floor < ?",
                    floor, mailboxId, floor);
        }
    }

    /** What was expunged from the mailbox after {@code modseq}, or that the log forgot. */
    static ExpungeHistory since(Session session, long mailboxId, long modseq) throws SQLException {
        long floor = session.number("SELECT expunge_floor FROM mailbox WHERE id = ?", mailboxId);
        if (modseq < floor) {
            return new ExpungeHistory.Forgotten(floor);
        }
        return new ExpungeHistory.Known(session.list("SELECT uid, guid, modseq FROM expunged"
                + " WHERE mailbox_id = ? AND modseq > ? ORDER BY uid",
                row -> new Expunged(row.getLong(1), row.getString(2), row.getLong(3)), mailboxId, modseq));
    }

    /** Forgets the whole log of a mailbox whose UIDs start over (a new UID validity). */
    static void forget(Session session, long mailboxId, long floor) throws SQLException {
        session.update("DELETE FROM expunged WHERE mailbox_id = ?", mailboxId);
        session.update("UPDATE mailbox SET expunge_floor = ? WHERE id = ?", floor, mailboxId);
    }
}
