package org.storemulti.imap.session;

import java.io.IOException;
import java.util.Optional;

import org.storemulti.imap.command.Command;
import org.storemulti.imap.mailbox.MailboxAccess;
import org.storemulti.imap.mailbox.Namespace;
import org.storemulti.imap.mailbox.StoreMailbox;
import org.storemulti.store.error.AlreadyExistsException;
import org.storemulti.store.error.ConflictException;
import org.storemulti.store.error.InvalidNameException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.QuotaExceededException;
import org.storemulti.store.message.MailboxHandle;
import org.storemulti.store.message.UidSet;

/**
 * RENAME (RFC 3501 6.3.5): the mailbox and every mailbox below it take the new name,
 * keeping their UIDVALIDITY and GUIDs (a session that has it selected goes on); the
 * subscriptions follow. Needs {@code x} on the mailbox and {@code k} on the nearest existing
 * mailbox above the new name (RFC 4314); renames stay within one tree (a user's, or the
 * shared one). Renaming the INBOX moves its messages into a new mailbox of that name and
 * leaves the INBOX, empty, where it is (its sub-folders are not renamed).
 */
final class RenameCommand {

    private RenameCommand() {
    }

    static void rename(Command.Rename command, Context context) throws IOException {
        Optional<StoreMailbox> from = MailboxNames.resolve(context, command.from());
        if (from.isEmpty()) {
            return;
        }
        Optional<StoreMailbox> to = MailboxNames.resolve(context, command.to());
        if (to.isEmpty() || !allowed(context, from.get(), to.get())) {
            return;
        }
        try {
            if (from.get().isInbox()) {
                renameInbox(context, from.get(), to.get());
            } else {
                StoreMailboxes.rename(context.store(), from.get(), to.get());
            }
        } catch (AlreadyExistsException e) {
            context.no("ALREADYEXISTS", to.get() + " already exists");
            return;
        } catch (NotFoundException e) {
            context.no("NONEXISTENT", "no mailbox " + from.get());
            return;
        } catch (InvalidNameException | ConflictException e) {
            context.no("CANNOT", e.getMessage());
            return;
        } catch (QuotaExceededException e) {
            context.no("OVERQUOTA", e.getMessage());
            return;
        }
        context.ok("RENAME completed");
    }

    /** The rights and name checks; answers NO and returns false when one fails. */
    private static boolean allowed(Context context, StoreMailbox from, StoreMailbox to) throws IOException {
        Optional<MailboxAccess> source = MailboxNames.require(context, from, 'x');
        if (source.isEmpty()) {
            return false;
        }
        if (to.isInbox() || MailboxNames.access(context, to).exists()) {
            context.no("ALREADYEXISTS", to + " already exists");
            return false;
        }
        if (!StoreMailboxes.sameTree(from, to)) {
            context.no("CANNOT", "a mailbox is renamed within its tree: " + from + " and " + to
                    + " belong to different users (or one is shared)");
            return false;
        }
        if (to.name().startsWith(from.name() + "/")) {
            context.no("CANNOT", "cannot rename " + from + " to a name below itself");
            return false;
        }
        Optional<MailboxAccess> parent = StoreMailboxes.parentAccess(context, to);
        if (parent.isPresent()) {
            Optional<MailboxAccess.Refusal> refusal = parent.get().refusal('k', "RENAME into");
            if (refusal.isPresent()) {
                context.no(refusal.get().code(), refusal.get().text());
                return false;
            }
        } else if (to.namespace() != Namespace.PERSONAL) {
            context.no("NOPERM", "cannot rename to " + to + ": new trees outside your own mailboxes are made by an"
                    + " administrator (storeadm)");
            return false;
        }
        return true;
    }

    /** RFC 3501: a new mailbox takes all the INBOX's messages; the INBOX stays, empty. */
    private static void renameInbox(Context context, StoreMailbox inbox, StoreMailbox to) throws IOException {
        StoreMailboxes.create(context.store(), to, Optional.of(inbox));
        MailboxHandle source = context.store().messages().mailbox(inbox.domain(), inbox.name());
        MailboxHandle target = context.store().messages().mailbox(to.domain(), to.name());
        source.move(UidSet.ALL, target);
    }
}
