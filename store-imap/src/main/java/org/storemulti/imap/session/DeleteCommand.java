package org.storemulti.imap.session;

import java.io.IOException;
import java.util.Optional;

import org.storemulti.imap.command.Command;
import org.storemulti.imap.mailbox.MailboxAccess;
import org.storemulti.imap.mailbox.StoreMailbox;
import org.storemulti.store.error.ConflictException;
import org.storemulti.store.error.NotFoundException;

/**
 * DELETE (RFC 3501 6.3.4): the mailbox and its messages go, the mailboxes below it stay
 * (LIST then shows its name as a {@code \Noselect} parent), subscriptions stay. Refused:
 * the INBOX, a name that is only a {@code \Noselect} parent (nothing to delete), a mailbox
 * without the {@code x} right (RFC 4314). A session that had it selected leaves the
 * selected state; others find it gone at their next command (BYE).
 */
final class DeleteCommand {

    private DeleteCommand() {
    }

    static void delete(Command.Delete command, Context context) throws IOException {
        Optional<StoreMailbox> resolved = MailboxNames.resolve(context, command.mailbox());
        if (resolved.isEmpty()) {
            return;
        }
        StoreMailbox mailbox = resolved.get();
        if (mailbox.isInbox()) {
            context.no("CANNOT", "the INBOX cannot be deleted (it goes only with its user)");
            return;
        }
        MailboxAccess access = MailboxNames.access(context, mailbox);
        if (!access.exists() && hasChildren(context, mailbox)) {
            context.no("CANNOT", mailbox + " is only the parent of other mailboxes (\\Noselect): nothing to delete");
            return;
        }
        Optional<MailboxAccess.Refusal> refusal = access.refusal('x', "DELETE");
        if (refusal.isPresent()) {
            context.no(refusal.get().code(), refusal.get().text());
            return;
        }
        boolean wasSelected = context.selected() != null && context.selected().mailbox().name().equals(mailbox.name());
        try {
            StoreMailboxes.delete(context.store(), mailbox);
        } catch (NotFoundException e) {
            context.no("NONEXISTENT", "no mailbox " + mailbox);
            return;
        } catch (ConflictException e) {
            context.no("CANNOT", e.getMessage());
            return;
        }
        if (wasSelected) {
            context.deselect();
        }
        context.ok("DELETE completed");
    }

    /** Whether any mailbox of the store lies below {@code mailbox}'s name. */
    private static boolean hasChildren(Context context, StoreMailbox mailbox) {
        String below = mailbox.name() + "/";
        return context.store().mailboxes().all(mailbox.domain()).stream().anyMatch(m -> m.name().startsWith(below));
    }
}
