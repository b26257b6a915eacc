package org.storemulti.imap.mailbox;

import java.util.Optional;

import org.storemulti.imap.command.MailboxName;

/**
 * A mailbox as an IMAP name means it for one user: its {@code namespace}, the store's
 * {@code domain} and full {@code name} ({@code user/joe/INBOX}, {@code shared/graphics}) and
 * the IMAP name in its canonical spelling ({@code INBOX} for {@code inbox}; a user's own
 * mailbox named through {@code user/ME/...} is the personal name). Whether it exists is the
 * store's to say.
 */
public record StoreMailbox(Namespace namespace, String domain, String name, MailboxName imapName) {

    /** The user whose personal tree holds it ({@code user/NAME/...}), or empty for a shared mailbox. */
    public Optional<String> user() {
        if (namespace == Namespace.SHARED) {
            return Optional.empty();
        }
        int start = Namespace.OTHER_USERS.prefix().length();
        return Optional.of(name.substring(start, name.indexOf(Namespace.SEPARATOR, start)));
    }

    /** Whether it is a user's INBOX (the one mailbox that goes only with its user). */
    public boolean isInbox() {
        return user().map(owner -> name.equals(Namespace.OTHER_USERS.prefix() + owner + Namespace.SEPARATOR
                + UserMailboxes.INBOX)).orElse(false);
    }

    /**
     * The mailbox one level up in the same namespace ({@code Work} for {@code Work/2024},
     * {@code user/bob/X} for {@code user/bob/X/Y}), or empty at the top of a tree (a personal
     * top-level name, {@code user/bob/X}, {@code shared/X}): CREATE asks for the {@code k}
     * right there.
     */
    public Optional<StoreMailbox> parent() {
        int cut = name.lastIndexOf(Namespace.SEPARATOR);
        int top = namespace == Namespace.SHARED ? Namespace.SHARED.prefix().length() - 1
                : name.indexOf(Namespace.SEPARATOR, Namespace.OTHER_USERS.prefix().length());
        if (cut <= top) {
            return Optional.empty();
        }
        String imap = imapName.name();
        return Optional.of(new StoreMailbox(namespace, domain, name.substring(0, cut),
                new MailboxName(imap.substring(0, imap.lastIndexOf(Namespace.SEPARATOR)))));
    }

    @Override
    public String toString() {
        return imapName.name();
    }
}
