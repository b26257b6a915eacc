package org.storemulti.sync.maildir;

/**
 * Mailbox names between the store and a Maildir++ tree. The store names a user's mailboxes
 * {@code INBOX}, {@code Work}, {@code Work/Sub}; the maildir keeps INBOX in its root and every
 * other mailbox in a directory {@code .Work}, {@code .Work.Sub}: the IMAP name with {@code .} as
 * the hierarchy separator, in modified UTF-7, behind a dot.
 *
 * <p>What one side cannot hold becomes the {@code alt_char} ({@code -C}, default {@code _}), as
 * dsync does: a {@code .} inside a store name's segment and a leading {@code ~} (Dovecot
 * refuses both), and in names read from a maildir an empty segment and {@code * % \} and
 * control characters (the store refuses those).
 */
final class FolderNames {

    /** The store's name and the maildir's for INBOX. */
    public static final String INBOX = "INBOX";
    private static final String REFUSED_BY_STORE = "*%\\";

    private final char altChar;

    public FolderNames(char altChar) {
        if (altChar < 0x21 || altChar > 0x7e || ".~&/*%\\".indexOf(altChar) >= 0) {
            throw new IllegalArgumentException("-C " + altChar + ": the replacement must be a printable ASCII character"
                    + " other than . ~ & / * % \\ (default _)");
        }
        this.altChar = altChar;
    }

    public char altChar() {
        return altChar;
    }

    /** The directory of store mailbox {@code name} under the maildir root; empty for INBOX. */
    public String directoryOf(String name) {
        return name.equals(INBOX) ? "" : "." + ModifiedUtf7.encode(imapName(name));
    }

    /** The name Dovecot shows for store mailbox {@code name} ({@code .} between segments), as in {@code subscriptions}. */
    String imapName(String name) {
        String[] segments = name.split("/", -1);
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i].replace('.', altChar);
            if (i == 0 && segment.startsWith("~")) {
                segment = altChar + segment.substring(1);
            }
            out.append(i == 0 ? "" : ".").append(segment);
        }
        return out.toString();
    }

    /** The store name of a folder directory ({@code .Work.Sub}; the root, {@code ""}, is INBOX). */
    public String nameOf(String directory) {
        if (directory.isEmpty()) {
            return INBOX;
        }
        return fromImapName(ModifiedUtf7.decode(directory.substring(1)), '.');
    }

    /** The store name of an IMAP name whose segments {@code separator} divides. */
    String fromImapName(String imapName, char separator) {
        StringBuilder out = new StringBuilder(imapName.length());
        int start = 0;
        while (true) {
            int end = imapName.indexOf(separator, start);
            String segment = imapName.substring(start, end < 0 ? imapName.length() : end);
            out.append(start == 0 ? "" : "/").append(storeSegment(segment));
            if (end < 0) {
                return out.toString();
            }
            start = end + 1;
        }
    }

    private String storeSegment(String segment) {
        if (segment.isEmpty()) {
            return String.valueOf(altChar);
        }
        StringBuilder out = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            out.append(c < 0x20 || c == 0x7f || REFUSED_BY_STORE.indexOf(c) >= 0 || c == '/' ? altChar : c);
        }
        String result = out.toString();
        return result.equals(".") || result.equals("..") ? result.replace('.', altChar) : result;
    }
}
