package org.storemulti.imap.session;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MailboxSnapshot;
import org.storemulti.store.message.UidSet;

/**
 * The selected mailbox as this session's client knows it: message sequence number
 * {@code n} is index {@code n - 1}; per message its UID (ascending), its flags and modseq as
 * last told. Changes only when the client is told (EXISTS, EXPUNGE, FETCH). Equal flag sets
 * are one shared {@link Flags} (a mailbox has a handful of distinct ones, also after a STORE
 * of thousands), so a search can answer a flag once per distinct set.
 */
final class MessageView {

    /** Most distinct flag sets remembered for sharing. */
    private static final int DISTINCT_MAX = 4096;

    private long[] uids;
    private long[] modseqs;
    private Flags[] flags;
    private int size;
    private final Map<Flags, Flags> distinct = new HashMap<>();

    MessageView(MailboxSnapshot snapshot) {
        size = snapshot.size();
        uids = snapshot.uids();
        modseqs = new long[size];
        flags = new Flags[size];
        Flags last = null;
        Flags lastShared = null;
        for (int i = 0; i < size; i++) {
            modseqs[i] = snapshot.modseq(i);
            Flags f = snapshot.flags(i);
            if (f != last) { // a snapshot shares equal sets already: look up each run once, not each message
                last = f;
                lastShared = shared(f);
            }
            flags[i] = lastShared;
        }
    }

    int size() {
        return size;
    }

    long uid(int index) {
        return uids[index];
    }

    Flags flags(int index) {
        return flags[index];
    }

    long modseq(int index) {
        return modseqs[index];
    }

    /** The index of {@code uid}, or negative when the view has no such message. */
    int indexOf(long uid) {
        return Arrays.binarySearch(uids, 0, size, uid);
    }

    /** The index of the first message whose UID is at least {@code uid} ({@link #size} if none). */
    int firstAtLeast(long uid) {
        int i = indexOf(uid);
        return i >= 0 ? i : -i - 1;
    }

    /** The highest UID in the view, 0 when empty. */
    long lastUid() {
        return size == 0 ? 0 : uids[size - 1];
    }

    /** A message the client learns of (EXISTS); its UID is above every UID in the view. */
    void append(long uid, Flags messageFlags, long modseq) {
        if (size == uids.length) {
            int capacity = Math.max(16, size * 2);
            uids = Arrays.copyOf(uids, capacity);
            modseqs = Arrays.copyOf(modseqs, capacity);
            flags = Arrays.copyOf(flags, capacity);
        }
        uids[size] = uid;
        flags[size] = shared(messageFlags);
        modseqs[size] = modseq;
        size++;
    }

    void update(int index, Flags messageFlags, long modseq) {
        flags[index] = shared(messageFlags);
        modseqs[index] = modseq;
    }

    private Flags shared(Flags messageFlags) {
        if (distinct.size() > DISTINCT_MAX) {
            distinct.clear(); // many keyword combinations: sharing is an optimization, memory stays bounded
        }
        Flags known = distinct.putIfAbsent(messageFlags, messageFlags);
        return known == null ? messageFlags : known;
    }

    /** Removes the messages at {@code indices} (ascending): the client was told they are gone. */
    void remove(int[] indices) {
        int kept = indices.length == 0 ? size : indices[0];
        for (int r = 0, i = kept; i < size; i++) {
            if (r < indices.length && indices[r] == i) {
                r++;
                continue;
            }
            uids[kept] = uids[i];
            flags[kept] = flags[i];
            modseqs[kept] = modseqs[i];
            kept++;
        }
        Arrays.fill(flags, kept, size, null);
        size = kept;
    }

    /** The UIDs of the messages at {@code indices} (ascending), as ranges. */
    UidSet uids(int[] indices) {
        long[] chosen = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            chosen[i] = uids[indices[i]];
        }
        return UidSet.of(chosen);
    }

    /** Every UID of the view, as ranges. */
    UidSet all() {
        return UidSet.of(Arrays.copyOf(uids, size));
    }
}
