package org.storemulti.imap.mailbox;

/**
 * An IMAP name that cannot name a mailbox of this store; nothing was looked up or changed.
 * The message is one line for a tagged NO: {@code "a/../b" cannot name a mailbox: it has a
 * ".." level}.
 */
public final class InvalidMailboxNameException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    InvalidMailboxNameException(String name, String problem) {
        super("\"" + (name.length() > 100 ? name.substring(0, 100) + "..." : name) + "\" cannot name a mailbox: "
                + problem);
    }
}
