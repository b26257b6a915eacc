package org.storemulti.imap.session;

/**
 * A LIST or LSUB pattern (RFC 3501 6.3.8): the reference and the pattern joined, {@code *}
 * matching any characters, {@code %} any but the hierarchy separator {@code /}. Names are
 * compared as they are, except that the INBOX ignores case (RFC 3501 5.1): {@code inbox}
 * and {@code in%} match it. Matching works on the decoded (Unicode) names.
 */
final class ListPattern {

    private static final String INBOX = "INBOX";

    private final String pattern;

    private ListPattern(String pattern) {
        this.pattern = pattern;
    }

    /**
     * The pattern a reference and a mailbox pattern make: joined as they are, with a
     * separator between them when the reference does not end in one and the pattern does
     * not start with one.
     */
    static ListPattern of(String reference, String mailboxPattern) {
        if (reference.isEmpty() || mailboxPattern.isEmpty() || reference.endsWith("/") || mailboxPattern.startsWith("/")) {
            return new ListPattern(reference + mailboxPattern);
        }
        return new ListPattern(reference + "/" + mailboxPattern);
    }

    String text() {
        return pattern;
    }

    /**
     * Whether {@code name} matches: a table of which pattern prefixes match each name prefix,
     * one row at a time, so that any pattern (a client may send thousands of wildcards) costs
     * at most the product of the two lengths.
     */
    boolean matches(String name) {
        boolean inbox = name.startsWith(INBOX) && (name.length() == INBOX.length() || name.charAt(INBOX.length()) == '/');
        int m = pattern.length();
        boolean[] row = new boolean[m + 1];
        boolean[] next = new boolean[m + 1];
        row[0] = true;
        for (int j = 1; j <= m && isWildcard(pattern.charAt(j - 1)); j++) {
            row[j] = true;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            next[0] = false;
            for (int j = 1; j <= m; j++) {
                char p = pattern.charAt(j - 1);
                if (p == '*') {
                    next[j] = next[j - 1] || row[j];
                } else if (p == '%') {
                    next[j] = next[j - 1] || row[j] && c != '/';
                } else {
                    next[j] = row[j - 1] && same(c, p, inbox && i < INBOX.length());
                }
            }
            boolean[] swap = row;
            row = next;
            next = swap;
        }
        return row[m];
    }

    private static boolean isWildcard(char c) {
        return c == '*' || c == '%';
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || ignoreCase && Character.toUpperCase(a) == Character.toUpperCase(b);
    }
}
