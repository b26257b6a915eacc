package org.storemulti.sync.mbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The header fields through which mbox readers and writers (UW-IMAP, Dovecot, mutt, Python's
 * {@code mailbox}) keep IMAP state inside the messages: {@code Status} (R = \Seen, O = no
 * longer new), {@code X-Status} (A = \Answered, F = \Flagged, T = \Draft, D = \Deleted),
 * {@code X-Keywords} (space separated), {@code X-UID}, and in the first message
 * {@code X-IMAPbase: UIDVALIDITY UIDNEXT [keywords]} (UW's pseudo message has {@code X-IMAP}).
 *
 * <p>They are state, not content: the reader takes them out of the message it hands over and
 * the writer writes its own in place of any the message brought.
 */
final class StatusHeaders {

    static final String SEEN = "\\Seen";
    static final String ANSWERED = "\\Answered";
    static final String FLAGGED = "\\Flagged";
    static final String DELETED = "\\Deleted";
    static final String DRAFT = "\\Draft";

    /** Lower-case names of the fields that carry state. */
    static final Set<String> STATE_FIELDS = Set.of("status", "x-status", "x-keywords", "x-uid", "x-imapbase", "x-imap");

    private static final String X_STATUS_LETTERS = "AFTD";
    private static final List<String> X_STATUS_FLAGS = List.of(ANSWERED, FLAGGED, DRAFT, DELETED);

    private StatusHeaders() {
    }

    /** IMAP flags and keywords from the three fields' values (each may be null). */
    static Set<String> flags(String status, String xStatus, String xKeywords) {
        Set<String> flags = new LinkedHashSet<>();
        if (status != null && status.indexOf('R') >= 0) {
            flags.add(SEEN);
        }
        if (xStatus != null) {
            for (int i = 0; i < X_STATUS_LETTERS.length(); i++) {
                if (xStatus.indexOf(X_STATUS_LETTERS.charAt(i)) >= 0) {
                    flags.add(X_STATUS_FLAGS.get(i));
                }
            }
        }
        if (xKeywords != null) {
            for (String keyword : xKeywords.strip().split("\\s+")) {
                if (isKeyword(keyword)) {
                    flags.add(keyword);
                }
            }
        }
        return flags;
    }

    /** An IMAP keyword: an atom that is not a system flag. */
    static boolean isKeyword(String word) {
        if (word.isEmpty() || word.startsWith("\\")) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c <= ' ' || c >= 0x7f || "(){%*\"]".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    static boolean isSystemFlag(String flag) {
        return flag.equals(SEEN) || X_STATUS_FLAGS.contains(flag);
    }

    /** The state fields for one message, without line ends, in the order Dovecot writes them. */
    static List<String> render(Set<String> flags, long uid, String imapBase) {
        List<String> lines = new ArrayList<>(5);
        if (imapBase != null) {
            lines.add(imapBase);
        }
        if (uid > 0) {
            lines.add("X-UID: " + uid);
        }
        lines.add(flags.contains(SEEN) ? "Status: RO" : "Status: O");
        StringBuilder xStatus = new StringBuilder();
        for (int i = 0; i < X_STATUS_FLAGS.size(); i++) {
            if (flags.contains(X_STATUS_FLAGS.get(i))) {
                xStatus.append(X_STATUS_LETTERS.charAt(i));
            }
        }
        if (xStatus.length() > 0) {
            lines.add("X-Status: " + xStatus);
        }
        List<String> keywords = flags.stream().filter(f -> !isSystemFlag(f)).toList();
        if (!keywords.isEmpty()) {
            lines.add("X-Keywords: " + String.join(" ", keywords));
        }
        return lines;
    }

    /** The {@code X-IMAPbase} field; UIDNEXT zero-padded to ten digits so it can be raised in place. */
    static String imapBase(MboxFolder folder) {
        StringBuilder line = new StringBuilder("X-IMAPbase: ").append(folder.uidValidity()).append(' ')
                .append(String.format(Locale.ROOT, "%010d", folder.uidNext()));
        folder.keywords().forEach(k -> line.append(' ').append(k));
        return line.toString();
    }

    /** Where UIDNEXT's ten digits start inside a field {@link #imapBase} made. */
    static int imapBaseDigits(String imapBaseField) {
        return imapBaseField.indexOf(' ', "X-IMAPbase: ".length()) + 1;
    }

    /**
     * True if the line at the buffer's position starts a state field ({@code n} bytes are
     * there to look at), or {@code Content-Length} if that counts as one.
     */
    static boolean startsStateField(LineBuffer in, int n, boolean withContentLength) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < n; i++) {
            byte c = in.at(i);
            if (c == ':') {
                String field = HeaderFields.fieldName(name + ":");
                return field != null && (STATE_FIELDS.contains(field)
                        || withContentLength && field.equals(HeaderFields.CONTENT_LENGTH));
            }
            if (c == '\n') {
                return false;
            }
            name.append((char) (c & 0xff));
        }
        return false;
    }
}
