package org.storemulti.store.change;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.storemulti.store.db.Database;

/**
 * Tells listeners about committed mailbox changes. The engine calls {@link #publish} on the
 * committing thread right after each commit, so an LMTP delivery reaches an IMAP session in
 * IDLE within the commit's latency. Listeners run on that thread: they must only note the
 * change and wake their own thread (a slow listener delays every delivery).
 *
 * <p>Changes committed by another process (storeadm, a sync, a second daemon) are not
 * published by themselves: {@link #poll} finds them with one indexed query on the mailboxes'
 * highest modseqs and publishes them like local ones; the daemon calls it on a timer.
 * Thread-safe.
 */
public final class ChangeFeed {

    private static final System.Logger LOG = System.getLogger(ChangeFeed.class.getName());

    private final Database database;
    private final List<Consumer<MailboxChange>> listeners = new CopyOnWriteArrayList<>();
    /** Highest modseq published per mailbox GUID, so a poll skips what this process already told. */
    private final Map<String, Long> published = new HashMap<>();
    private long polledUpTo = -1;

    public ChangeFeed(Database database) {
        this.database = database;
    }

    /** Adds a listener; closing the returned handle removes it. */
    public AutoCloseable subscribe(Consumer<MailboxChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Tells every listener; for the engine, after the commit that made {@code changes}. */
    public void publish(List<MailboxChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        synchronized (published) {
            for (MailboxChange change : changes) {
                if (change.kind() == MailboxChange.Kind.MESSAGES) {
                    published.merge(change.guid(), change.highestModseq(), Math::max);
                }
            }
        }
        for (MailboxChange change : changes) {
            for (Consumer<MailboxChange> listener : listeners) {
                try {
                    listener.accept(change);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "change listener failed on " + change, e);
                }
            }
        }
    }

    /**
     * Publishes the message changes other processes committed since the last poll; the
     * first poll only sets the starting point. Returns how many mailboxes it reported.
     */
    public int poll() {
        long from;
        synchronized (published) {
            from = polledUpTo;
        }
        if (from < 0) {
            long start = database.read(session -> session.number("SELECT value FROM store_counter WHERE name = 'modseq'"));
            synchronized (published) {
                polledUpTo = Math.max(polledUpTo, start);
            }
            return 0;
        }
        List<MailboxChange> found = database.read(session -> session.list("SELECT d.name, m.name, m.guid,"
                + " m.highest_modseq, m.next_uid FROM mailbox m JOIN domain d ON d.id = m.domain_id"
                + " WHERE m.highest_modseq > ? ORDER BY m.highest_modseq",
                row -> new MailboxChange(MailboxChange.Kind.MESSAGES, row.getString(1), row.getString(2),
                        row.getString(3), row.getLong(4), row.getLong(5)), from));
        List<MailboxChange> fresh = new ArrayList<>();
        synchronized (published) {
            for (MailboxChange change : found) {
                polledUpTo = Math.max(polledUpTo, change.highestModseq());
                if (published.getOrDefault(change.guid(), 0L) < change.highestModseq()) {
                    fresh.add(change);
                }
            }
            published.clear();
        }
        publish(fresh);
        return fresh.size();
    }
}
