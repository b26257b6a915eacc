package org.storemulti.imap.session;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.storemulti.imap.command.Command;
import org.storemulti.imap.mailbox.MailboxAccess;
import org.storemulti.imap.mailbox.StoreMailbox;
import org.storemulti.store.error.InvalidArgumentException;
import org.storemulti.store.error.InvalidNameException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.mailbox.QuotaUsage;
import org.storemulti.store.mailbox.Rights;

/**
 * RFC 9208 QUOTA over the store's quotas (M-Store's, in kilobytes: the STORAGE resource's
 * unit too). A mailbox's quota roots are the domain's quota (root {@code ""}), its user's
 * ({@code user/NAME}) and the shared mailboxes above it that have one; GETQUOTAROOT needs
 * the {@code l} right on the mailbox, GETQUOTA a root the user can see a mailbox in.
 * SETQUOTA (STORAGE only; an empty list removes the limit) is for the domain's
 * administrators and site administrators, and the domain's own root for site
 * administrators only.
 */
final class QuotaCommands {

    private static final String STORAGE = "STORAGE";

    private QuotaCommands() {
    }

    static void getQuotaRoot(Command.GetQuotaRoot command, Context context) throws IOException {
        Optional<StoreMailbox> mailbox = MailboxNames.resolve(context, command.mailbox());
        if (mailbox.isEmpty() || MailboxNames.require(context, mailbox.get(), 'l').isEmpty()) {
            return;
        }
        List<QuotaUsage> roots;
        try {
            roots = context.store().quotas().rootsOf(mailbox.get().domain(), mailbox.get().name());
        } catch (NotFoundException e) {
            context.no("NONEXISTENT", "no mailbox " + mailbox.get());
            return;
        }
        var out = context.out();
        out.untagged().raw("QUOTAROOT ").mailbox(mailbox.get().imapName());
        for (QuotaUsage root : roots) {
            out.sp().astring(root.root());
        }
        out.end();
        for (QuotaUsage root : roots) {
            quota(context, root);
        }
        context.ok("GETQUOTAROOT completed");
    }

    static void getQuota(Command.GetQuota command, Context context) throws IOException {
        if (!visible(context, command.root())) {
            context.no("NONEXISTENT", "no quota root " + command.root());
            return;
        }
        QuotaUsage usage;
        try {
            usage = context.store().quotas().usage(context.mailboxes().domain(), command.root());
        } catch (NotFoundException | InvalidNameException e) {
            context.no("NONEXISTENT", "no quota root " + command.root());
            return;
        }
        quota(context, usage);
        context.ok("GETQUOTA completed");
    }

    static void setQuota(Command.SetQuota command, Context context) throws IOException {
        String root = command.root();
        String domain = context.mailboxes().domain();
        if (!administrator(context, root.isEmpty())) {
            context.no("NOPERM", root.isEmpty() ? "the domain's quota is set by a site administrator"
                    : "quotas are set by the domain's administrators");
            return;
        }
        if (!command.limits().keySet().stream().allMatch(STORAGE::equals)) {
            context.no("CANNOT", "only the STORAGE resource has a limit here (in units of 1024 octets)");
            return;
        }
        Long limit = command.limits().get(STORAGE);
        try {
            set(context, domain, root, limit);
            quota(context, context.store().quotas().usage(domain, root));
        } catch (NotFoundException | InvalidNameException e) {
            context.no("NONEXISTENT", "no quota root " + root);
            return;
        } catch (InvalidArgumentException e) {
            context.no("CANNOT", e.getMessage());
            return;
        }
        context.ok("SETQUOTA completed");
    }

    private static void set(Context context, String domain, String root, Long limit) {
        var quotas = context.store().quotas();
        if (root.isEmpty()) {
            if (limit == null) {
                context.store().domains().deleteQuota(domain);
            } else {
                context.store().domains().setQuota(domain, limit);
            }
        } else if (limit == null) {
            try {
                quotas.deleteRoot(domain, root);
            } catch (NotFoundException e) {
                quotas.usage(domain, root); // the root exists, it just had no limit; otherwise NotFound goes up
            }
        } else {
            quotas.setRoot(domain, root, limit);
        }
    }

    /** {@code * QUOTA root (STORAGE used limit)}, or {@code ()} for a root without a limit. */
    private static void quota(Context context, QuotaUsage usage) throws IOException {
        var out = context.out();
        out.untagged().raw("QUOTA ").astring(usage.root()).raw(" (");
        if (usage.limitKb().isPresent()) {
            out.raw(STORAGE).sp().number(usage.usedKb()).sp().number(usage.limitKb().getAsLong());
        }
        out.raw(")").end();
    }

    /** The domain's root, or a root with a mailbox in it the user can see. */
    private static boolean visible(Context context, String root) {
        if (root.isEmpty()) {
            return true;
        }
        Map<String, Rights> rights = context.store().acls().rightsOfAll(context.mailboxes().domain(),
                context.mailboxes().user());
        return rights.entrySet().stream().anyMatch(e -> MailboxAccess.effective(e.getValue()).has('l')
                && (e.getKey().equals(root) || e.getKey().startsWith(root + "/")));
    }

    /** Whether the user administers its domain (or, for {@code siteOnly}, the site). */
    private static boolean administrator(Context context, boolean siteOnly) {
        String user = context.mailboxes().user();
        String domain = context.mailboxes().domain();
        var admins = context.store().administrators();
        if (admins.listSite("*").contains(user + "@" + domain)) {
            return true;
        }
        return !siteOnly && admins.listDomain(domain, "*").contains(user);
    }
}
