package org.storemulti.imap.session;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

import org.storemulti.imap.command.Command;
import org.storemulti.imap.command.MailboxName;
import org.storemulti.imap.mailbox.MailboxAccess;
import org.storemulti.imap.mailbox.StoreMailbox;
import org.storemulti.store.error.InvalidArgumentException;
import org.storemulti.store.error.InvalidNameException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.mailbox.AclEntry;
import org.storemulti.store.mailbox.Acls;
import org.storemulti.store.mailbox.Rights;

/**
 * RFC 4314 ACL over the store's access control lists: GETACL, SETACL, DELETEACL and
 * LISTRIGHTS need the {@code a} right, MYRIGHTS any right. Identifiers are the users of the
 * mailbox's domain ({@code ann}, or {@code ann@example.com}, answered as the store keeps
 * them: {@code ann}) and {@code anyone}; a leading {@code -} names negative rights. Rights
 * are RFC 4314's letters ({@code lrswipkxtea}, and the obsolete {@code c} and {@code d});
 * an unknown letter is a BAD, as the RFC asks.
 */
final class AclCommands {

    /** What LISTRIGHTS offers: no right is tied to another, each may be granted alone. */
    private static final String GRANTABLE = "l r s w i p k x t e a";

    private AclCommands() {
    }

    static void getAcl(Command.GetAcl command, Context context) throws IOException {
        Optional<StoreMailbox> mailbox = administered(context, command.mailbox());
        if (mailbox.isEmpty()) {
            return;
        }
        var out = context.out();
        out.untagged().raw("ACL ").mailbox(mailbox.get().imapName());
        for (AclEntry entry : context.store().acls().get(mailbox.get().domain(), mailbox.get().name())) {
            out.sp().astring(entry.identifier()).sp().astring(entry.rights().letters());
        }
        out.end();
        context.ok("GETACL completed");
    }

    static void setAcl(Command.SetAcl command, Context context) throws IOException {
        Optional<StoreMailbox> mailbox = administered(context, command.mailbox());
        if (mailbox.isEmpty()) {
            return;
        }
        Optional<String> identifier = identifier(context, mailbox.get(), command.identifier());
        if (identifier.isEmpty()) {
            return;
        }
        String rights = command.rights();
        try {
            new Rights(rights.startsWith("+") || rights.startsWith("-") ? rights.substring(1) : rights);
        } catch (InvalidArgumentException e) {
            context.bad(e.getMessage());
            return;
        }
        context.store().acls().set(mailbox.get().domain(), mailbox.get().name(), identifier.get(),
                rights.toLowerCase(Locale.ROOT));
        context.ok("SETACL completed");
    }

    static void deleteAcl(Command.DeleteAcl command, Context context) throws IOException {
        Optional<StoreMailbox> mailbox = administered(context, command.mailbox());
        if (mailbox.isEmpty()) {
            return;
        }
        Optional<String> identifier = identifier(context, mailbox.get(), command.identifier());
        if (identifier.isEmpty()) {
            return;
        }
        try {
            context.store().acls().delete(mailbox.get().domain(), mailbox.get().name(), identifier.get());
        } catch (NotFoundException e) {
            // RFC 4314 3.3: removing an entry that is not there leaves the ACL as asked
        }
        context.ok("DELETEACL completed");
    }

    static void listRights(Command.ListRights command, Context context) throws IOException {
        Optional<StoreMailbox> mailbox = administered(context, command.mailbox());
        if (mailbox.isEmpty()) {
            return;
        }
        Optional<String> identifier = identifier(context, mailbox.get(), command.identifier());
        if (identifier.isEmpty()) {
            return;
        }
        context.out().untagged().raw("LISTRIGHTS ").mailbox(mailbox.get().imapName()).sp()
                .astring(command.identifier()).raw(" \"\" ").raw(GRANTABLE).end();
        context.ok("LISTRIGHTS completed");
    }

    static void myRights(Command.MyRights command, Context context) throws IOException {
        Optional<StoreMailbox> mailbox = MailboxNames.resolve(context, command.mailbox());
        if (mailbox.isEmpty()) {
            return;
        }
        MailboxAccess access = MailboxNames.access(context, mailbox.get());
        if (!access.exists() || access.rights().isEmpty()) {
            context.no("NONEXISTENT", "no mailbox " + mailbox.get());
            return;
        }
        context.out().untagged().raw("MYRIGHTS ").mailbox(mailbox.get().imapName()).sp()
                .astring(access.rights().letters()).end();
        context.ok("MYRIGHTS completed");
    }

    /** The mailbox, when the user has the {@code a} right there; else empty after the NO. */
    private static Optional<StoreMailbox> administered(Context context, MailboxName name) throws IOException {
        Optional<StoreMailbox> mailbox = MailboxNames.resolve(context, name);
        if (mailbox.isEmpty() || MailboxNames.require(context, mailbox.get(), 'a').isEmpty()) {
            return Optional.empty();
        }
        return mailbox;
    }

    /**
     * The store's identifier for {@code given}: {@code anyone} or a user of the mailbox's
     * domain, with its {@code -}; empty after a NO for a user of another domain or a name no
     * user can have.
     */
    private static Optional<String> identifier(Context context, StoreMailbox mailbox, String given) throws IOException {
        boolean negative = given.startsWith("-");
        String bare = negative ? given.substring(1) : given;
        int at = bare.lastIndexOf('@');
        if (at >= 0) {
            if (!bare.substring(at + 1).equalsIgnoreCase(mailbox.domain())) {
                context.no("CANNOT", "identifiers are users of " + mailbox.domain() + " and " + Acls.ANYONE + ", not "
                        + bare);
                return Optional.empty();
            }
            bare = bare.substring(0, at);
        }
        try {
            new org.storemulti.store.name.UserName(bare);
        } catch (InvalidNameException e) {
            context.no("CANNOT", e.getMessage());
            return Optional.empty();
        }
        return Optional.of(negative ? "-" + bare : bare);
    }
}
