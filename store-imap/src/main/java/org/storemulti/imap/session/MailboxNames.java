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
        Optional<MailboxAccess.Refusal> refusal = access.refusal(right, context.name());
        if (refusal.isPresent()) {
            context.no(refusal.get().code(), refusal.get().text());
            return Optional.empty();
        }
        return Optional.of(access);
    }
}
