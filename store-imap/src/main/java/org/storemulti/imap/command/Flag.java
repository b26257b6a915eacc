package org.storemulti.imap.command;

import java.util.List;
import java.util.Locale;

/**
 * A message flag: a system flag ({@code \Seen}, spelled canonically whatever case the
 * client used) or a keyword (an atom, kept as written). {@code \Recent} is a flag the
 * server sets; clients may search for it but not store or append it.
 */
public record Flag(String name) {

    public static final Flag SEEN = new Flag("\\Seen");
    public static final Flag ANSWERED = new Flag("\\Answered");
    public static final Flag FLAGGED = new Flag("\\Flagged");
    public static final Flag DELETED = new Flag("\\Deleted");
    public static final Flag DRAFT = new Flag("\\Draft");
    public static final Flag RECENT = new Flag("\\Recent");

    /** The system flags a client may set, in RFC 3501 order. */
    public static final List<Flag> SYSTEM = List.of(ANSWERED, FLAGGED, DELETED, SEEN, DRAFT);

    public Flag {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty flag");
        }
    }

    /**
     * The flag for a wire spelling: a known system flag in canonical case, another
     * {@code \name} as written (a flag extension), a keyword as written.
     */
    public static Flag of(String wire) {
        if (wire.startsWith("\\")) {
            for (Flag f : SYSTEM) {
                if (f.name.equalsIgnoreCase(wire)) {
                    return f;
                }
            }
            if (RECENT.name.equalsIgnoreCase(wire)) {
                return RECENT;
            }
        }
        return new Flag(wire);
    }

    /** Whether this is a system flag or flag extension ({@code \...}) rather than a keyword. */
    public boolean isSystem() {
        return name.startsWith("\\");
    }

    /** Keywords compare without regard to case (RFC 3501 2.3.2); this is the key to compare by. */
    public String key() {
        return name.toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return name;
    }
}
