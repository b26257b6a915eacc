package org.storemulti.store.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last snapshots of large mailboxes, so the next SELECT of one does not read every
 * message again: reading 100,000 rows through the JDBC driver took 50-75 ms on the daemon's
 * compiler, 70-120 ms for the whole SELECT (BENCHMARKS.md, "SELECT of 100,000 messages").
 * A snapshot is immutable; a mailbox whose GUID, UID validity, UIDNEXT, highest modseq and
 * count are what they were has the same messages, UIDs, modseqs and flags (every change to one
 * of them raises the highest modseq), so its kept snapshot is reused with the fresh state; one
 * that changed is brought up to date from its changes since (flags, new messages, expunges)
 * when the expunge log still reaches back, and read whole otherwise. Only mailboxes of at least
 * {@link #MIN_MESSAGES} are kept, at most {@link #MAX_MESSAGES} messages in all (about 20
 * octets each), the least recently used dropped first. Thread-safe.
 */
final class SnapshotCache {

    /** Smaller mailboxes are read whole in a few milliseconds: not worth the memory. */
    static final int MIN_MESSAGES = 4096;

    /** Messages kept in all: about 5 MiB. */
    static final long MAX_MESSAGES = 262_144;

    private final Map<Long, MailboxSnapshot> byMailbox = new LinkedHashMap<>(16, 0.75f, true);
    private long messages;

    /** The cached snapshot of mailbox {@code id}, or null. */
    synchronized MailboxSnapshot get(long id) {
        return byMailbox.get(id);
    }

    /** Keeps {@code snapshot} as mailbox {@code id}'s, if it is large enough; drops the oldest beyond the bound. */
    synchronized void put(long id, MailboxSnapshot snapshot) {
        MailboxSnapshot old = byMailbox.remove(id);
        if (old != null) {
            messages -= old.size();
        }
        if (snapshot.size() < MIN_MESSAGES || snapshot.size() > MAX_MESSAGES) {
            return;
        }
        byMailbox.put(id, snapshot);
        messages += snapshot.size();
        for (Iterator<MailboxSnapshot> oldest = byMailbox.values().iterator(); messages > MAX_MESSAGES;) {
            messages -= oldest.next().size();
            oldest.remove();
        }
    }

    /** Whether {@code cached} holds exactly the messages of a mailbox now in {@code state}. */
    static boolean unchanged(MailboxSnapshot cached, MailboxState state) {
        MailboxState was = cached.state();
        return was.guid().equals(state.guid()) && was.uidValidity() == state.uidValidity()
                && was.uidNext() == state.uidNext() && was.highestModseq() == state.highestModseq()
                && was.messages() == state.messages();
    }

    /**
     * {@code cached} brought up to {@code changes} (everything after its highest modseq, read in
     * the same transaction as {@code state}), or null when that cannot be done exactly: the
     * expunge log no longer reaches back, the UID validity changed, a changed message is neither
     * known nor new, or the count does not come out as the state's.
     */
    static MailboxSnapshot updated(MailboxSnapshot cached, MailboxState state, MailboxChanges changes,
            List<String> keywords) {
        if (!(changes.expunged() instanceof ExpungeHistory.Known known) || !cached.state().guid().equals(state.guid())
                || cached.state().uidValidity() != state.uidValidity()) {
            return null;
        }
        int size = cached.size();
        List<MessageFlags> added = new ArrayList<>();
        int n = size + changes.changed().size(); // at most: some changed ones are known ones
        long[] uids = new long[n];
        long[] modseqs = new long[n];
        Flags[] flags = new Flags[n];
        for (int i = 0; i < size; i++) {
            uids[i] = cached.uid(i);
            modseqs[i] = cached.modseq(i);
            flags[i] = cached.flags(i);
        }
        for (MessageFlags m : changes.changed()) { // by position: no lookup per message of the mailbox
            int i = cached.indexOf(m.uid());
            if (i >= 0) {
                modseqs[i] = m.modseq();
                flags[i] = m.flags();
            } else if (m.uid() >= cached.state().uidNext()) {
                added.add(m); // in UID order, as the changes come
            } else {
                return null;
            }
        }
        boolean[] gone = new boolean[size];
        for (Expunged e : known.expunged()) {
            int i = cached.indexOf(e.uid());
            if (i >= 0) {
                gone[i] = true;
            }
        }
        int k = 0;
        for (int i = 0; i < size; i++) {
            if (!gone[i]) {
                uids[k] = uids[i];
                modseqs[k] = modseqs[i];
                flags[k++] = flags[i];
            }
        }
        for (MessageFlags m : added) {
            uids[k] = m.uid();
            modseqs[k] = m.modseq();
            flags[k++] = m.flags();
        }
        if (k != state.messages()) {
            return null;
        }
        return new MailboxSnapshot(state, Arrays.copyOf(uids, k), Arrays.copyOf(modseqs, k), Arrays.copyOf(flags, k),
                keywords);
    }
}
