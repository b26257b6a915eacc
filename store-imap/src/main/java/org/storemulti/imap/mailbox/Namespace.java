package org.storemulti.imap.mailbox;

/**
 * The three RFC 2342 namespaces, each with its prefix; the hierarchy separator is
 * {@link #SEPARATOR} everywhere, as in the store's own names.
 */
public enum Namespace {

    /** The user's own mailboxes: {@code INBOX}, {@code Sent}, {@code Work/2024}. */
    PERSONAL(""),
    /** Other users' mailboxes of the same domain, as the store names them: {@code user/bob/INBOX}. */
    OTHER_USERS("user/"),
    /** The domain's shared mailboxes, as the store names them: {@code shared/graphics/logos}. */
    SHARED("shared/");

    /** The hierarchy separator. */
    public static final char SEPARATOR = '/';

    private final String prefix;

    Namespace(String prefix) {
        this.prefix = prefix;
    }

    /** What every name of the namespace starts with. */
    public String prefix() {
        return prefix;
    }

    /**
     * The NAMESPACE response's three lists, {@code (("" "/")) (("user/" "/")) (("shared/" "/"))},
     * to follow {@code * NAMESPACE }.
     */
    public static String response() {
        StringBuilder out = new StringBuilder();
        for (Namespace namespace : values()) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append("((\"").append(namespace.prefix).append("\" \"").append(SEPARATOR).append("\"))");
        }
        return out.toString();
    }
}
