package org.storemulti.imap.session;

import java.io.IOException;
import java.util.Optional;

import org.storemulti.imap.command.MailboxName;
import org.storemulti.imap.mailbox.InvalidMailboxNameException;
import org.storemulti.imap.mailbox.MailboxAccess;
import org.storemulti.imap.mailbox.StoreMailbox;

/**
 * A command's mailbox argument as the mailbox management commands take it: the store
 * mailbox it names, or {@code NO [CANNOT]} already answered; and the user's rights there.
 */
final class MailboxNames {

    private MailboxNames() {
    }

    /** The mailbox {@code name} means, or empty after answering {@code NO [CANNOT]} with why it names none. */
    static Optional<StoreMailbox> resolve(Context context, MailboxName name) throws IOException {
        try {
            return Optional.of(context.mailboxes().resolve(name));
        } catch (InvalidMailboxNameException e) {
            context.no("CANNOT", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Whether CREATE or RENAME may say {@code mailbox} already exists: the INBOX, or a mailbox
     * the user may see ({@code l}); of one it may not see it learns nothing (RFC 4314 4), and
     * the rights on the parent decide as if it were not there.
     */
    static boolean visiblyExists(Context context, StoreMailbox mailbox) {
        return mailbox.isInbox() || access(context, mailbox).may('l');
    }

    /** The user's rights on {@code mailbox}, read now. */
    static MailboxAccess access(Context context, StoreMailbox mailbox) {
        return MailboxAccess.of(context.store(), context.mailboxes(), mailbox);
    }

    /**
     * The rights there, or empty after answering the refusal when the user lacks
     * {@code right} ({@code NONEXISTENT} for a mailbox it may not know of, else {@code NOPERM}).
     */
    static Optional<MailboxAccess> require(Context context, StoreMailbox mailbox, char right) throws IOException {
        MailboxAccess access = access(context, mailbox);
        return refused(context, access, right, context.name()) ? Optional.empty() : Optional.of(access);
    }

    /** Whether {@code access} lacks {@code right} for {@code action}; if so, the NO is answered. */
    static boolean refused(Context context, MailboxAccess access, char right, String action) throws IOException {
        Optional<MailboxAccess.Refusal> refusal = access.refusal(right, action);
        if (refusal.isEmpty()) {
            return false;
        }
        context.no(refusal.get().code(), refusal.get().text());
        return true;
    }
}
