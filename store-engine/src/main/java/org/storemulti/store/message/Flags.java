package org.storemulti.store.message;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.storemulti.store.error.InvalidArgumentException;

/**
 * A message's IMAP flags: system flags ({@code \Seen}, {@code \Answered}, {@code \Flagged},
 * {@code \Deleted}, {@code \Draft}, case normalized) and keywords (atoms). Sorted, no duplicates.
 */
public record Flags(Set<String> values) {

    public static final String SEEN = "\\Seen";
    public static final String ANSWERED = "\\Answered";
    public static final String FLAGGED = "\\Flagged";
    public static final String DELETED = "\\Deleted";
    public static final String DRAFT = "\\Draft";
    /** The system flags; {@code message.system_flags} holds flag {@code i} as bit {@code 1 << i}. */
    static final List<String> SYSTEM_ORDER = List.of(SEEN, ANSWERED, FLAGGED, DELETED, DRAFT);
    private static final Set<String> SYSTEM = Set.copyOf(SYSTEM_ORDER);
    /** Bit of {@code \Seen} in {@code system_flags}. */
    static final int SEEN_BIT = 1;
    /** Bit of {@code \Deleted} in {@code system_flags}. */
    static final int DELETED_BIT = 8;
    public static final Flags NONE = new Flags(Set.of());

    public Flags {
        TreeSet<String> normalized = new TreeSet<>();
        for (String flag : values) {
            normalized.add(normalize(flag));
        }
        values = Set.copyOf(normalized);
    }

    public static Flags of(String... flags) {
        return new Flags(Set.of(flags));
    }

    public static Flags of(Collection<String> flags) {
        return new Flags(Set.copyOf(flags));
    }

    /** These flags and {@code other}'s. */
    public Flags plus(Flags other) {
        if (other.values.isEmpty() || values.containsAll(other.values)) {
            return this;
        }
        Set<String> all = new HashSet<>(values);
        all.addAll(other.values);
        return new Flags(all);
    }

    /** These flags without {@code other}'s. */
    public Flags minus(Flags other) {
        if (other.values.isEmpty()) {
            return this;
        }
        Set<String> kept = new HashSet<>(values);
        kept.removeAll(other.values);
        return kept.size() == values.size() ? this : new Flags(kept);
    }

    public boolean has(String flag) {
        return values.contains(normalize(flag));
    }

    /** The stored form: flags separated by single spaces, sorted. */
    public String column() {
        return new TreeSet<>(values).stream().collect(Collectors.joining(" "));
    }

    static Flags fromColumn(String column) {
        return column.isEmpty() ? NONE : new Flags(Set.copyOf(Arrays.asList(column.split(" "))));
    }

    /** The system flags as the bits of {@code message.system_flags}, in the order of {@link #SYSTEM_ORDER}. */
    int systemBits() {
        int bits = 0;
        for (int i = 0; i < SYSTEM_ORDER.size(); i++) {
            if (values.contains(SYSTEM_ORDER.get(i))) {
                bits |= 1 << i;
            }
        }
        return bits;
    }

    /** The keywords (every flag that is not a system flag), sorted and space-separated as stored. */
    String keywordColumn() {
        return new TreeSet<>(values).stream().filter(f -> !f.startsWith("\\")).collect(Collectors.joining(" "));
    }

    /** The keywords alone. */
    public Set<String> keywords() {
        return values.stream().filter(f -> !f.startsWith("\\")).collect(Collectors.toUnmodifiableSet());
    }

    /** The flags stored as {@code system_flags} bits and the {@code keywords} column. */
    static Flags fromColumns(int bits, String keywords) {
        if (bits == 0 && keywords.isEmpty()) {
            return NONE;
        }
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < SYSTEM_ORDER.size(); i++) {
            if ((bits & (1 << i)) != 0) {
                flags.add(SYSTEM_ORDER.get(i));
            }
        }
        if (!keywords.isEmpty()) {
            flags.addAll(Arrays.asList(keywords.split(" ")));
        }
        return new Flags(flags);
    }

    private static String normalize(String flag) {
        if (flag == null || flag.isEmpty()) {
            throw new InvalidArgumentException("flag", "", "empty");
        }
        if (flag.startsWith("\\")) {
            for (String system : SYSTEM) {
                if (system.toLowerCase(Locale.ROOT).equals(flag.toLowerCase(Locale.ROOT))) {
                    return system;
                }
            }
            throw new InvalidArgumentException("flag", flag, "unknown system flag");
        }
        for (char c : flag.toCharArray()) {
            if (c <= ' ' || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) {
                throw new InvalidArgumentException("flag", flag, "not an IMAP atom");
            }
        }
        return flag;
    }
}
