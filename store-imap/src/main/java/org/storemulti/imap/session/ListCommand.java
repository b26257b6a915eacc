package org.storemulti.imap.session;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.storemulti.imap.command.Command;
import org.storemulti.imap.command.Command.ListReturn;
import org.storemulti.imap.command.Command.ListSelect;
import org.storemulti.imap.command.MailboxName;
import org.storemulti.imap.mailbox.Namespace;
import org.storemulti.imap.mailbox.StoreMailbox;
import org.storemulti.imap.response.ResponseWriter;

/**
 * LIST (RFC 3501 6.3.8, with RFC 5258 LIST-EXTENDED, RFC 6154 SPECIAL-USE, RFC 3348
 * CHILDREN, RFC 5819 LIST-STATUS), LSUB (6.3.9) and NAMESPACE (RFC 2342) over the names the
 * user may see ({@link MailboxDirectory}).
 *
 * <p>Every LIST response carries {@code \HasChildren} or {@code \HasNoChildren} and the
 * mailbox's special-use attributes (RFC 5258 and 6154 allow them unasked; clients use
 * them). A name above mailboxes that is no mailbox itself is {@code \Noselect} in a plain
 * LIST and {@code \NonExistent} in an extended one (RFC 5258 3: it implies
 * {@code \Noselect}). Extended means selection options, return options or several
 * patterns. {@code SUBSCRIBED} lists the subscriptions that match, existing or not;
 * {@code RECURSIVEMATCH} adds the names that match above subscribed ones that do not, with
 * {@code CHILDINFO ("SUBSCRIBED")}. {@code RETURN (STATUS ...)} follows each listed mailbox
 * the user may read ({@code r}) with its STATUS response.
 */
final class ListCommand {

    private ListCommand() {
    }

    static void list(Command.ListMailboxes command, Context context) throws IOException {
        if (command.patterns().size() == 1 && command.patterns().get(0).isEmpty()) {
            // RFC 3501: the hierarchy separator and the reference's root
            context.out().untagged().raw("LIST (\\Noselect) \"/\" ").mailbox(new MailboxName(root(command.reference())))
                    .end();
            context.ok("LIST completed");
            return;
        }
        boolean extended = !command.select().isEmpty() || !command.returns().isEmpty() || command.patterns().size() > 1;
        boolean subscribedOnly = command.select().contains(ListSelect.SUBSCRIBED);
        boolean recursive = command.select().contains(ListSelect.RECURSIVEMATCH);
        boolean specialOnly = command.select().contains(ListSelect.SPECIAL_USE);
        boolean showSubscribed = subscribedOnly || command.returns().contains(ListReturn.SUBSCRIBED);
        boolean status = command.returns().contains(ListReturn.STATUS);
        List<ListPattern> patterns = new ArrayList<>();
        for (String pattern : command.patterns()) {
            patterns.add(ListPattern.of(command.reference(), pattern));
        }
        MailboxDirectory directory = MailboxDirectory.read(context.store(), context.mailboxes());
        for (String name : candidates(directory, subscribedOnly)) {
            if (patterns.stream().noneMatch(p -> p.matches(name))) {
                continue;
            }
            Optional<MailboxDirectory.Entry> entry = directory.entry(name);
            boolean exists = entry.map(MailboxDirectory.Entry::exists).orElse(false);
            boolean subscribed = directory.isSubscribed(name);
            boolean childInfo = recursive && subscribedOnly && !subscribed && directory.hasSubscribedChild(name);
            if (subscribedOnly && !subscribed && !childInfo
                    || specialOnly && !(exists && !entry.get().specialUse().isEmpty())) {
                continue;
            }
            Set<String> attributes = new LinkedHashSet<>();
            if (!exists) {
                attributes.add(extended ? "\\NonExistent" : "\\Noselect");
            }
            if (subscribed && showSubscribed) {
                attributes.add("\\Subscribed");
            }
            attributes.add(directory.hasChildren(name) ? "\\HasChildren" : "\\HasNoChildren");
            entry.ifPresent(e -> attributes.addAll(new TreeSet<>(e.specialUse())));
            ResponseWriter out = context.out();
            out.untagged().raw("LIST (").raw(String.join(" ", attributes)).raw(") \"/\" ").mailbox(new MailboxName(name));
            if (childInfo) {
                out.raw(" (\"CHILDINFO\" (\"SUBSCRIBED\"))");
            }
            out.end();
            if (status && exists && entry.get().rights().has('r')) {
                StatusCommand.write(context, new MailboxName(name), mailbox(context, entry.get()),
                        command.statusItems());
            }
        }
        context.ok("LIST completed");
    }

    /** The names to try: all the user may see, and with SUBSCRIBED the subscriptions (which need not exist) too. */
    private static Iterable<String> candidates(MailboxDirectory directory, boolean subscribed) {
        Set<String> names = new TreeSet<>(MailboxDirectory.ORDER);
        for (MailboxDirectory.Entry entry : directory.entries()) {
            names.add(entry.name().name());
        }
        if (subscribed) {
            names.addAll(directory.subscribed());
        }
        return names;
    }

    private static StoreMailbox mailbox(Context context, MailboxDirectory.Entry entry) {
        return context.mailboxes().resolve(entry.name());
    }

    /** The reference's first level with its separator ({@code user/} of {@code user/bob/}), or "". */
    private static String root(String reference) {
        int slash = reference.indexOf(Namespace.SEPARATOR);
        return slash < 0 ? "" : reference.substring(0, slash + 1);
    }

    /**
     * LSUB: the subscriptions that match, {@code \Noselect} when no mailbox the user may see
     * has the name; and a name that matches above subscriptions that do not (RFC 3501 6.3.9:
     * {@code %} finds {@code foo} for a subscribed {@code foo/bar}), also {@code \Noselect}
     * unless subscribed itself.
     */
    static void lsub(Command.Lsub command, Context context) throws IOException {
        ListPattern pattern = ListPattern.of(command.reference(), command.pattern());
        MailboxDirectory directory = MailboxDirectory.read(context.store(), context.mailboxes());
        Set<String> names = new TreeSet<>(MailboxDirectory.ORDER);
        for (String subscription : directory.subscribed()) {
            if (pattern.matches(subscription)) {
                names.add(subscription);
                continue;
            }
            for (int slash = subscription.lastIndexOf('/'); slash > 0; slash = subscription.lastIndexOf('/', slash - 1)) {
                String parent = subscription.substring(0, slash);
                if (pattern.matches(parent)) {
                    names.add(parent);
                    break;
                }
            }
        }
        for (String name : names) {
            boolean selectable = directory.isSubscribed(name)
                    && directory.entry(name).map(MailboxDirectory.Entry::exists).orElse(false);
            context.out().untagged().raw(selectable ? "LSUB () \"/\" " : "LSUB (\\Noselect) \"/\" ")
                    .mailbox(new MailboxName(name)).end();
        }
        context.ok("LSUB completed");
    }

    /** RFC 2342: the personal namespace without a prefix, other users under {@code user/}, shared under {@code shared/}. */
    static void namespace(Command.Namespace command, Context context) throws IOException {
        context.out().untagged().raw("NAMESPACE ").raw(Namespace.response()).end();
        context.ok("NAMESPACE completed");
    }
}
