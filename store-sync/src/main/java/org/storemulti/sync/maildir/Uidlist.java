package org.storemulti.sync.maildir;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A maildir folder's {@code dovecot-uidlist}, which gives each message file (by base name) its
 * UID and keeps the folder's UIDVALIDITY, next UID and mailbox GUID, so that Dovecot and we
 * agree on them.
 *
 * <p>Version 3, as Dovecot 1.1 and later write it: a header {@code 3 V<uidvalidity> N<next uid>
 * G<mailbox guid>} (other fields kept as found), then a line per message
 * {@code <uid> [<key><value> ...] :<base name>} in UID order. Record fields: {@code G} the
 * message GUID (the base name when absent), {@code S} physical size, {@code W} size with CRLF
 * line ends, {@code P}/{@code O} POP3 UIDL and order (kept). Version 1 ({@code 1 <uidvalidity>
 * <next uid>}, lines {@code <uid> <file name>}, also Courier's {@code courierimapuiddb}) is read
 * and rewritten as version 3. The header's next UID may lag: Dovecot appends lines without
 * rewriting the header, so the next UID is above both.
 */
final class Uidlist {

    static final String NAME = "dovecot-uidlist";

    /** One message line. {@code fields} are {@code key+value} words in file order, without the base name. */
    record Entry(long uid, String base, List<String> fields) {

        Entry {
            fields = List.copyOf(fields);
        }

        /** The value of field {@code key}, or null. */
        String field(char key) {
            for (String field : fields) {
                if (field.charAt(0) == key) {
                    return field.substring(1);
                }
            }
            return null;
        }
    }

    private final long uidValidity;
    private final long nextUid;
    private final String guid;
    private final List<String> otherHeader;
    private final List<Entry> entries;
    private final Map<String, Entry> byBase;

    Uidlist(long uidValidity, long nextUid, String guid, List<String> otherHeader, List<Entry> entries) {
        this.uidValidity = uidValidity;
        this.guid = guid;
        this.otherHeader = List.copyOf(otherHeader);
        this.entries = List.copyOf(entries);
        long next = nextUid;
        this.byBase = new HashMap<>();
        for (Entry entry : entries) {
            next = Math.max(next, entry.uid() + 1);
            byBase.put(entry.base(), entry);
        }
        this.nextUid = next;
    }

    /** A new, empty list. */
    static Uidlist fresh(long uidValidity, String guid) {
        return new Uidlist(uidValidity, 1, guid, List.of(), List.of());
    }

    long uidValidity() {
        return uidValidity;
    }

    /** The next UID to give: above the header's and above every UID listed. */
    long nextUid() {
        return nextUid;
    }

    /** The mailbox GUID (32 hex digits), or null if the header has none. */
    String guid() {
        return guid;
    }

    List<Entry> entries() {
        return entries;
    }

    /** The entry of the message whose file name has this base, or null. */
    Entry entry(String base) {
        return byBase.get(base);
    }

    /** This list plus {@code added} (UIDs at or above {@link #nextUid()}, ascending). */
    Uidlist plus(List<Entry> added) {
        if (added.isEmpty()) {
            return this;
        }
        List<Entry> all = new ArrayList<>(entries.size() + added.size());
        all.addAll(entries);
        long next = nextUid;
        for (Entry entry : added) {
            if (entry.uid() < next) {
                throw new IllegalArgumentException("UID " + entry.uid() + " is below the next UID " + next);
            }
            next = entry.uid() + 1;
            all.add(entry);
        }
        return new Uidlist(uidValidity, next, guid, otherHeader, all);
    }

    /** This list keeping only the entries {@code keep} accepts (next UID unchanged: UIDs are never given twice). */
    Uidlist keeping(java.util.function.Predicate<Entry> keep) {
        List<Entry> kept = entries.stream().filter(keep).toList();
        return kept.size() == entries.size() ? this : new Uidlist(uidValidity, nextUid, guid, otherHeader, kept);
    }

    /**
     * Parses the file's text. Returns null for a header Dovecot would reject (then Dovecot
     * starts afresh, and so do we); lines it would reject are skipped and told to {@code problems}.
     */
    static Uidlist parse(String text, String where, Consumer<String> problems) {
        String[] lines = text.split("\n", -1);
        String header = lines[0];
        if (header.length() < 2 || header.charAt(1) != ' ' || header.charAt(0) != '1' && header.charAt(0) != '3') {
            problems.accept(where + ":1: not a version 1 or 3 header; starting the list afresh");
            return null;
        }
        boolean v3 = header.charAt(0) == '3';
        long validity = 0;
        long next = 0;
        String guid = null;
        List<String> other = new ArrayList<>();
        String[] words = header.substring(2).trim().split(" +");
        if (v3) {
            for (String word : words) {
                if (word.isEmpty()) {
                    continue;
                }
                String value = word.substring(1);
                switch (word.charAt(0)) {
                    case 'V' -> validity = number(value);
                    case 'N' -> next = number(value);
                    case 'G' -> guid = value.matches("[0-9a-f]{32}") ? value : null;
                    default -> other.add(word);
                }
            }
        } else if (words.length >= 2) {
            validity = number(words[0]);
            next = number(words[1]);
        }
        if (validity <= 0 || next <= 0) {
            problems.accept(where + ":1: no UIDVALIDITY or next UID; starting the list afresh");
            return null;
        }
        List<Entry> entries = new ArrayList<>();
        long last = 0;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            Entry entry = v3 ? entryV3(lines[i]) : entryV1(lines[i]);
            if (entry == null || entry.uid() <= last) {
                problems.accept(where + ":" + (i + 1) + ": " + (entry == null ? "not a message line" : "UID out of order")
                        + ", skipped: " + lines[i]);
                continue;
            }
            last = entry.uid();
            entries.add(entry);
        }
        return new Uidlist(validity, next, guid, other, entries);
    }

    private static Entry entryV3(String line) {
        int space = line.indexOf(' ');
        int colon = line.indexOf(" :");
        if (space < 1 || colon < space) {
            return null;
        }
        long uid = number(line.substring(0, space));
        String base = line.substring(colon + 2);
        List<String> fields = new ArrayList<>();
        for (String word : line.substring(space, colon).trim().split(" +")) {
            if (!word.isEmpty()) {
                fields.add(word);
            }
        }
        return uid <= 0 || !FileName.isMessageName(base) ? null : new Entry(uid, FileName.baseOf(base), fields);
    }

    private static Entry entryV1(String line) {
        String[] words = line.trim().split(" +");
        if (words.length < 2) {
            return null;
        }
        long uid = number(words[0]);
        String name = words[words.length - 1];
        return uid <= 0 || !FileName.isMessageName(name) ? null : new Entry(uid, FileName.baseOf(name), List.of());
    }

    /** A decimal number up to 2^32 - 1, or -1. */
    private static long number(String text) {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        long value = Long.parseLong(text);
        return value > 0xffff_ffffL ? -1 : value;
    }

    /** The file's bytes, version 3, as Dovecot writes them. */
    byte[] format() {
        StringBuilder text = new StringBuilder(64 + entries.size() * 64);
        text.append("3 V").append(uidValidity).append(" N").append(nextUid);
        if (guid != null) {
            text.append(" G").append(guid);
        }
        for (String field : otherHeader) {
            text.append(' ').append(field);
        }
        text.append('\n');
        for (Entry entry : entries) {
            text.append(entry.uid());
            for (String field : entry.fields()) {
                text.append(' ').append(field);
            }
            text.append(" :").append(entry.base()).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The entries by UID, for lookups. */
    Map<Long, Entry> byUid() {
        Map<Long, Entry> map = new HashMap<>();
        entries.forEach(e -> map.put(e.uid(), e));
        return Collections.unmodifiableMap(map);
    }
}
