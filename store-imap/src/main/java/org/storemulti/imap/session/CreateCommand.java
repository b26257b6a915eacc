package org.storemulti.imap.session;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.storemulti.imap.command.Command;
import org.storemulti.imap.command.Flag;
import org.storemulti.imap.command.MailboxName;
import org.storemulti.imap.mailbox.MailboxAccess;
import org.storemulti.imap.mailbox.Namespace;
import org.storemulti.imap.mailbox.StoreMailbox;
import org.storemulti.store.error.AlreadyExistsException;
import org.storemulti.store.error.ConflictException;
import org.storemulti.store.error.InvalidNameException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.mailbox.Mailboxes;

/**
 * CREATE (RFC 3501 6.3.3) with RFC 6154's {@code USE (\Sent ...)}. One trailing {@code /}
 * is dropped (the client says the name will have children). The user needs the {@code k}
 * right on the nearest existing mailbox above the new one (RFC 4314); with none above, only
 * its own personal namespace takes new top-level mailboxes (other users' trees and the
 * shared one grow from an administrator's mailbox). Missing mailboxes in between are not
 * made: LIST shows them as {@code \Noselect} parents. The new mailbox gets the ACL entries
 * of the mailbox above it, so a folder shared with someone shares its new sub-folders too.
 */
final class CreateCommand {

    private CreateCommand() {
    }

    static void create(Command.Create command, Context context) throws IOException {
        String text = command.mailbox().name();
        MailboxName name = text.endsWith("/") && text.length() > 1
                ? new MailboxName(text.substring(0, text.length() - 1)) : command.mailbox();
        Optional<Set<String>> uses = specialUses(command, context);
        if (uses.isEmpty()) {
            return;
        }
        Optional<StoreMailbox> resolved = MailboxNames.resolve(context, name);
        if (resolved.isEmpty()) {
            return;
        }
        StoreMailbox mailbox = resolved.get();
        if (mailbox.isInbox() || MailboxNames.access(context, mailbox).exists()) {
            context.no("ALREADYEXISTS", mailbox + " already exists");
            return;
        }
        Optional<MailboxAccess> parent = StoreMailboxes.parentAccess(context, mailbox);
        if (!mayCreate(context, mailbox, parent)) {
            return;
        }
        try {
            StoreMailboxes.create(context.store(), mailbox, parent.map(MailboxAccess::mailbox));
            if (!uses.get().isEmpty()) {
                context.store().mailboxes().setSpecialUse(mailbox.domain(), mailbox.name(), uses.get());
            }
        } catch (AlreadyExistsException e) {
            context.no("ALREADYEXISTS", mailbox + " already exists");
            return;
        } catch (NotFoundException e) {
            context.no("NONEXISTENT", "cannot create " + mailbox + ": " + e.getMessage());
            return;
        } catch (InvalidNameException | ConflictException e) {
            context.no("CANNOT", "cannot create " + mailbox + ": " + e.getMessage());
            return;
        }
        context.ok("CREATE completed");
    }

    /** The RFC 6154 attributes asked for, in the store's spelling; empty after a NO [USEATTR]. */
    private static Optional<Set<String>> specialUses(Command.Create command, Context context) throws IOException {
        Set<String> uses = new LinkedHashSet<>();
        for (Flag use : command.specialUse()) {
            Optional<String> known = Mailboxes.SPECIAL_USES.stream().filter(u -> u.equalsIgnoreCase(use.name())).findFirst();
            if (known.isEmpty()) {
                context.no("USEATTR", use.name() + " is not a special-use attribute this server knows (RFC 6154: "
                        + String.join(" ", new java.util.TreeSet<>(Mailboxes.SPECIAL_USES)) + ")");
                return Optional.empty();
            }
            uses.add(known.get());
        }
        return Optional.of(uses);
    }

    /** Whether the user may make {@code mailbox} under {@code parent}; else answers NO. */
    private static boolean mayCreate(Context context, StoreMailbox mailbox, Optional<MailboxAccess> parent)
            throws IOException {
        if (parent.isPresent()) {
            Optional<MailboxAccess.Refusal> refusal = parent.get().refusal('k', "CREATE below");
            if (refusal.isPresent()) {
                context.no(refusal.get().code(), refusal.get().text());
                return false;
            }
            return true;
        }
        if (mailbox.namespace() != Namespace.PERSONAL) {
            context.no("NOPERM", "cannot create " + mailbox + ": new trees outside your own mailboxes are made by an"
                    + " administrator (storeadm)");
            return false;
        }
        return true;
    }
}
