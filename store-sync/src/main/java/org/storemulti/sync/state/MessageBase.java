package org.storemulti.sync.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.UidSet;

/**
 * The messages a mailbox pair had on both sides at the end of its last sync: which UIDs, and
 * the flags of those that had any. The sync's base for a three-way merge: a UID present then and
 * missing on one side now was expunged there; flags are merged against what both had. Kept as UID
 * ranges (IMAP sequence sets), one set per distinct combination of flags.
 */
public final class MessageBase {

    private final NavigableSet<Long> present;
    private final NavigableMap<Long, Flags> flags;

    private MessageBase(NavigableSet<Long> present, NavigableMap<Long, Flags> flags) {
        this.present = present;
        this.flags = flags;
    }

    /** No message known. */
    public static MessageBase empty() {
        return new MessageBase(new TreeSet<>(), new TreeMap<>());
    }

    public boolean isPresent(long uid) {
        return present.contains(uid);
    }

    /** The flags {@code uid} had (none if it had none or was not present). */
    public Flags flags(long uid) {
        return flags.getOrDefault(uid, Flags.NONE);
    }

    /** How many messages both had. */
    public int size() {
        return present.size();
    }

    /** Records that both sides have {@code uid} with {@code messageFlags} now. */
    public void put(long uid, Flags messageFlags) {
        present.add(uid);
        if (messageFlags.values().isEmpty()) {
            flags.remove(uid);
        } else {
            flags.put(uid, messageFlags);
        }
    }

    /** Records that neither side has {@code uid} now. */
    public void remove(long uid) {
        present.remove(uid);
        flags.remove(uid);
    }

    /** Forgets every message (a mailbox whose UIDs start over). */
    public void clear() {
        present.clear();
        flags.clear();
    }

    String presentText() {
        return present.isEmpty() ? "" : UidSet.of(present).toString();
    }

    Map<String, String> flagsText() {
        Map<Flags, List<Long>> byFlags = new TreeMap<>((a, b) -> a.column().compareTo(b.column()));
        flags.forEach((uid, f) -> byFlags.computeIfAbsent(f, x -> new ArrayList<>()).add(uid));
        Map<String, String> text = new TreeMap<>();
        byFlags.forEach((f, uids) -> text.put(f.column(), UidSet.of(uids).toString()));
        return text;
    }

    static MessageBase parse(String presentText, Map<String, String> flagsText) {
        MessageBase base = empty();
        if (!presentText.isEmpty()) {
            UidSet.parse(presentText).forEach(base.present::add);
        }
        flagsText.forEach((column, uids) -> {
            Flags parsed = Flags.of(Arrays.asList(column.split(" ")));
            UidSet.parse(uids).forEach(uid -> base.flags.put(uid, parsed));
        });
        return base;
    }
}
