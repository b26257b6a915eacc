package org.storemulti.imap.session;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

import org.storemulti.imap.command.Command;
import org.storemulti.imap.command.MailboxName;
import org.storemulti.imap.mailbox.StoreMailbox;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.message.MailboxStatus;

/**
 * STATUS (RFC 3501 6.3.10) with RFC 7162's HIGHESTMODSEQ (which turns CONDSTORE on) and
 * RFC 8438's SIZE, from one read of the store; needs the {@code r} right (RFC 4314). LIST's
 * RETURN (STATUS) writes the same response for each listed mailbox it may read.
 */
final class StatusCommand {

    private StatusCommand() {
    }

    static void status(Command.Status command, Context context) throws IOException {
        Optional<StoreMailbox> mailbox = MailboxNames.resolve(context, command.mailbox());
        if (mailbox.isEmpty() || MailboxNames.require(context, mailbox.get(), 'r').isEmpty()) {
            return;
        }
        if (command.items().contains(Command.StatusItem.HIGHESTMODSEQ)) {
            context.condstoreUsed();
        }
        if (!write(context, mailbox.get().imapName(), mailbox.get(), command.items())) {
            context.no("NONEXISTENT", "no mailbox " + mailbox.get());
            return;
        }
        context.ok("STATUS completed");
    }

    /**
     * Writes {@code * STATUS name (items)} for {@code mailbox}; false (nothing written) when
     * it is gone meanwhile.
     */
    static boolean write(Context context, MailboxName name, StoreMailbox mailbox, Set<Command.StatusItem> items)
            throws IOException {
        MailboxStatus status;
        try {
            status = context.store().messages().status(mailbox.domain(), mailbox.name());
        } catch (NotFoundException e) {
            return false;
        }
        var out = context.out();
        out.untagged().raw("STATUS ").mailbox(name).raw(" (");
        boolean first = true;
        for (Command.StatusItem item : Command.StatusItem.values()) {
            if (!items.contains(item)) {
                continue;
            }
            if (!first) {
                out.sp();
            }
            first = false;
            out.raw(item.name()).sp().number(value(status, item));
        }
        out.raw(")").end();
        return true;
    }

    private static long value(MailboxStatus status, Command.StatusItem item) {
        return switch (item) {
            case MESSAGES -> status.messages();
            case RECENT -> status.recent();
            case UIDNEXT -> status.uidNext();
            case UIDVALIDITY -> status.uidValidity();
            case UNSEEN -> status.unseen();
            case HIGHESTMODSEQ -> status.highestModseq();
            case SIZE -> status.vsize();
        };
    }
}
