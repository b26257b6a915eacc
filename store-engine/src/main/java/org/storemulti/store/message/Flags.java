package org.storemulti.store.message;

import java.util.Arrays;
import java.util.Collection;
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
    public static final String DELETED = "\\Deleted";
    private static final Set<String> SYSTEM = Set.of(SEEN, "\\Answered", "\\Flagged", DELETED, "\\Draft");
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
