package org.storemulti.sync.maildir;

/**
 * A message file's name in {@code cur/} or {@code new/}: a unique base, then the info
 * {@code :2,} and flag letters. Dovecot keeps {@code ,S=size} and {@code ,W=vsize} inside the
 * base, and names a message in {@code dovecot-uidlist} by its base alone, so a flag change
 * (a rename) keeps the message's identity.
 *
 * @param base everything before the first {@code :}
 * @param letters the flag letters after {@code :2,}; null when the name has no {@code :2,} info
 */
record FileName(String base, String letters) {

    /** The info separator, as Dovecot's {@code maildir_info_sep} and the Maildir spec have it. */
    static final char INFO_SEPARATOR = ':';
    private static final String INFO_PREFIX = "2,";

    static FileName parse(String name) {
        int colon = name.indexOf(INFO_SEPARATOR);
        if (colon < 0) {
            return new FileName(name, null);
        }
        String info = name.substring(colon + 1);
        return new FileName(name.substring(0, colon), info.startsWith(INFO_PREFIX) ? info.substring(2) : null);
    }

    /** The base of any file name (what {@code dovecot-uidlist} names a message by). */
    static String baseOf(String name) {
        int colon = name.indexOf(INFO_SEPARATOR);
        return colon < 0 ? name : name.substring(0, colon);
    }

    /** The whole name. */
    String name() {
        return letters == null ? base : base + INFO_SEPARATOR + INFO_PREFIX + letters;
    }

    FileName withLetters(String newLetters) {
        return new FileName(base, newLetters);
    }

    /**
     * The number of a {@code ,KEY=digits} field of the base ({@code S} physical size, {@code W}
     * size with CRLF line ends), or -1 if the base has none.
     */
    long field(char key) {
        String marker = "," + key + "=";
        int at = base.indexOf(marker);
        if (at < 0) {
            return -1;
        }
        int start = at + marker.length();
        int end = start;
        while (end < base.length() && Character.isDigit(base.charAt(end)) && end - start < 18) {
            end++;
        }
        return end == start ? -1 : Long.parseLong(base.substring(start, end));
    }

    /** True if a file of this name is a message file (not a dot file, no line ends or slashes). */
    static boolean isMessageName(String name) {
        if (name.isEmpty() || name.charAt(0) == '.') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\n' || c == '\r' || c == '/') {
                return false;
            }
        }
        return true;
    }
}
