package org.storemulti.imap.session;

/**
 * A LIST or LSUB pattern (RFC 3501 6.3.8): the reference and the pattern joined, {@code *}
 * matching any characters, {@code %} any but the hierarchy separator {@code /}. Names are
 * compared as they are, except that the INBOX ignores case (RFC 3501 5.1): {@code inbox}
 * and {@code in%} match it. Matching is linear in practice (a backtracking glob over short
 * names) and works on the decoded (Unicode) names.
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

    /** Whether {@code name} matches. */
    boolean matches(String name) {
        return match(name, 0, 0, name.startsWith(INBOX) && (name.length() == INBOX.length()
                || name.charAt(INBOX.length()) == '/'));
    }

    private boolean match(String name, int n, int p, boolean inbox) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*' || c == '%') {
                for (int end = n; end <= name.length(); end++) {
                    if (match(name, end, p + 1, inbox)) {
                        return true;
                    }
                    if (end < name.length() && c == '%' && name.charAt(end) == '/') {
                        return false;
                    }
                }
                return false;
            }
            if (n >= name.length() || !same(name.charAt(n), c, inbox && n < INBOX.length())) {
                return false;
            }
            n++;
            p++;
        }
        return n == name.length();
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || ignoreCase && Character.toUpperCase(a) == Character.toUpperCase(b);
    }
}
