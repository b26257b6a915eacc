package org.storemulti.imap.session;

import java.io.IOException;
import java.util.Optional;

import org.storemulti.imap.command.Command;
import org.storemulti.imap.mailbox.StoreMailbox;

/**
 * SUBSCRIBE and UNSUBSCRIBE (RFC 3501 6.3.6-7): the user's subscription list, by the
 * store's full names, so a subscription follows a renamed mailbox and outlives a deleted
 * one (RFC 3501 keeps it). Any name that could name a mailbox may be subscribed, existing
 * or not (RFC 4314 asks for no right). Unsubscribing a name not subscribed is a NO.
 */
final class SubscribeCommand {

    private SubscribeCommand() {
    }

    static void subscribe(Command.Subscribe command, Context context) throws IOException {
        Optional<StoreMailbox> mailbox = MailboxNames.resolve(context, command.mailbox());
        if (mailbox.isEmpty()) {
            return;
        }
        context.store().subscriptions().subscribe(mailbox.get().domain(), context.mailboxes().user(),
                mailbox.get().name());
        context.ok("SUBSCRIBE completed");
    }

    static void unsubscribe(Command.Unsubscribe command, Context context) throws IOException {
        Optional<StoreMailbox> mailbox = MailboxNames.resolve(context, command.mailbox());
        if (mailbox.isEmpty()) {
            return;
        }
        if (!context.store().subscriptions().unsubscribe(mailbox.get().domain(), context.mailboxes().user(),
                mailbox.get().name())) {
            context.no("NONEXISTENT", "not subscribed to " + mailbox.get());
            return;
        }
        context.ok("UNSUBSCRIBE completed");
    }
}
