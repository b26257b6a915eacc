package org.storemulti.store.message;

import java.util.Arrays;
import java.util.List;

/**
 * A whole mailbox in compact form for IMAP SELECT: the state and, per message in UID order,
 * its UID, modseq and flags (one shared {@link Flags} object per distinct combination), plus
 * the keywords the mailbox has seen (PERMANENTFLAGS). Message sequence number {@code n} is
 * index {@code n - 1}. Read in one transaction, so it is consistent with its state.
 */
public final class MailboxSnapshot {

    private final MailboxState state;
    private final long[] uids;
    private final long[] modseqs;
    private final Flags[] flags;
    private final List<String> keywords;

    MailboxSnapshot(MailboxState state, long[] uids, long[] modseqs, Flags[] flags, List<String> keywords) {
        this.state = state;
        this.uids = uids;
        this.modseqs = modseqs;
        this.flags = flags;
        this.keywords = List.copyOf(keywords);
    }

    /** The same messages under a newer state and keyword list (its arrays are shared: neither changes them). */
    MailboxSnapshot with(MailboxState newer, List<String> newerKeywords) {
        return new MailboxSnapshot(newer, uids, modseqs, flags, newerKeywords);
    }

    public MailboxState state() {
        return state;
    }

    /** Number of messages. */
    public int size() {
        return uids.length;
    }

    public long uid(int index) {
        return uids[index];
    }

    public long modseq(int index) {
        return modseqs[index];
    }

    public Flags flags(int index) {
        return flags[index];
    }

    /** The index of {@code uid}, or a negative number if the mailbox has no such message. */
    public int indexOf(long uid) {
        return Arrays.binarySearch(uids, uid);
    }

    /** The keywords used in this mailbox, in the order they first appeared. */
    public List<String> keywords() {
        return keywords;
    }

    /** A copy of the UIDs, ascending. */
    public long[] uids() {
        return uids.clone();
    }
}
