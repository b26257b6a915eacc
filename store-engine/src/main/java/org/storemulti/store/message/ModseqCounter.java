package org.storemulti.store.message;

import java.sql.SQLException;
import org.storemulti.store.db.Session;

/**
 * The store-wide modification sequence, for code that changes messages inside a write
 * transaction: each change takes {@link #next}, and {@link #save} writes the counter back
 * in the same transaction. One counter for all mailboxes keeps every mailbox's modseqs
 * strictly increasing across restarts and crashes (it commits with the change), and lets
 * the change feed find every mailbox changed after a point with one indexed query.
 */
public final class ModseqCounter {

    private final Session session;
    private final long start;
    private long value;

    public ModseqCounter(Session session) throws SQLException {
        this.session = session;
        this.start = session.number("SELECT value FROM store_counter WHERE name = 'modseq'");
        this.value = start;
    }

    /** A modseq higher than every one given before. */
    public long next() {
        return ++value;
    }

    /** Writes the counter back, if anything was taken. */
    public void save() throws SQLException {
        if (value != start) {
            session.update("UPDATE store_counter SET value = ? WHERE name = 'modseq'", value);
        }
    }
}
