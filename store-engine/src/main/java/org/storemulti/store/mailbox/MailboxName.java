package org.storemulti.store.mailbox;

import org.storemulti.store.error.InvalidNameException;
import org.storemulti.store.error.ObjectKind;
import org.storemulti.store.name.FolderPath;
import org.storemulti.store.name.UserName;

/**
 * A full mailbox name within a domain: {@code user/NAME/INBOX}, {@code user/NAME/FOLDER...}
 * or {@code shared/NAME/...}. Constructing one validates it.
 */
public record MailboxName(String value) {

    public static final String INBOX = "INBOX";
    static final String USER = "user/";
    static final String SHARED = "shared/";

    public MailboxName {
        if (value != null && value.startsWith(USER)) {
            String rest = value.substring(USER.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                throw new InvalidNameException(ObjectKind.MAILBOX, value, "expected user/NAME/FOLDER");
            }
            new UserName(rest.substring(0, slash));
            new FolderPath(rest.substring(slash + 1));
        } else if (value != null && value.startsWith(SHARED)) {
            new FolderPath(value.substring(SHARED.length()));
        } else {
            throw new InvalidNameException(ObjectKind.MAILBOX, String.valueOf(value),
                    "expected user/NAME/... or shared/NAME/...");
        }
    }

    /** {@code user/USER/FOLDER}; {@code folder} is {@code INBOX} or a folder path. */
    public static MailboxName personal(String user, String folder) {
        return new MailboxName(USER + new UserName(user) + "/" + new FolderPath(folder));
    }

    /** {@code shared/NAME} for a shared name such as {@code graphics/logos}. */
    public static MailboxName shared(String name) {
        return new MailboxName(SHARED + new FolderPath(name));
    }

    public boolean isPersonal() {
        return value.startsWith(USER);
    }

    /** {@code user/NAME} for personal mailboxes, the mailbox itself for shared ones. */
    public String treeRoot() {
        if (!isPersonal()) {
            return value;
        }
        return value.substring(0, value.indexOf('/', USER.length()));
    }

    /** The name of the parent mailbox, or {@code null} at the top of a tree. */
    public MailboxName parent() {
        int slash = value.lastIndexOf('/');
        String parent = value.substring(0, slash);
        if (parent.equals("shared") || parent.equals(treeRoot()) && isPersonal()) {
            return null;
        }
        return new MailboxName(parent);
    }

    @Override
    public String toString() {
        return value;
    }
}
