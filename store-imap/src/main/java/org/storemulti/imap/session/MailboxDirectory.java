package org.storemulti.imap.session;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.storemulti.imap.command.MailboxName;
import org.storemulti.imap.mailbox.MailboxAccess;
import org.storemulti.imap.mailbox.Namespace;
import org.storemulti.imap.mailbox.UserMailboxes;
import org.storemulti.store.Store;
import org.storemulti.store.mailbox.MailboxInfo;
import org.storemulti.store.mailbox.Rights;

/**
 * The mailbox names one user may know of, by IMAP name, as LIST and LSUB show them: every
 * mailbox of the domain where the user has the {@code l} right (its own, other users',
 * shared ones: RFC 4314), the names above them that are no mailbox themselves (a deleted
 * parent, {@code user}, {@code user/bob}, {@code shared}: shown as {@code \Noselect}),
 * and the user's subscriptions. Read with three queries (mailboxes, the user's rights on
 * all of them, subscriptions), whatever the number of mailboxes.
 */
final class MailboxDirectory {

    /** One name: a mailbox the user may see ({@code store} set), or a name above some ({@code store} null). */
    record Entry(MailboxName name, String store, Set<String> specialUse, Rights rights) {

        boolean exists() {
            return store != null;
        }
    }

    /** Names in LIST's order: INBOX first, then as the strings sort. */
    static final Comparator<String> ORDER = Comparator.comparing((String n) -> !n.equals(UserMailboxes.INBOX))
            .thenComparing(Comparator.naturalOrder());

    private final Map<String, Entry> entries = new TreeMap<>(ORDER);
    /** The same names in plain string order, where a name's children follow it together. */
    private final NavigableSet<String> names = new TreeSet<>();
    private final Set<String> subscribed = new HashSet<>();

    private MailboxDirectory() {
    }

    /** What {@code user} may see in its domain now. */
    static MailboxDirectory read(Store store, UserMailboxes user) {
        MailboxDirectory directory = new MailboxDirectory();
        Map<String, Rights> rights = store.acls().rightsOfAll(user.domain(), user.user());
        for (MailboxInfo mailbox : store.mailboxes().all(user.domain())) {
            Rights granted = MailboxAccess.effective(rights.getOrDefault(mailbox.name(), Rights.NONE));
            Optional<MailboxName> name = user.imapName(mailbox.name());
            if (granted.has('l') && name.isPresent()) {
                directory.entries.put(name.get().name(),
                        new Entry(name.get(), mailbox.name(), mailbox.specialUse(), granted));
            }
        }
        for (String name : List.copyOf(directory.entries.keySet())) {
            directory.addParents(name);
        }
        directory.names.addAll(directory.entries.keySet());
        for (String subscription : store.subscriptions().list(user.domain(), user.user())) {
            user.imapName(subscription).ifPresent(n -> directory.subscribed.add(n.name()));
        }
        return directory;
    }

    private void addParents(String name) {
        for (int slash = name.lastIndexOf(Namespace.SEPARATOR); slash > 0;
                slash = name.lastIndexOf(Namespace.SEPARATOR, slash - 1)) {
            String parent = name.substring(0, slash);
            if (entries.containsKey(parent)) {
                return; // it and its parents are in already
            }
            entries.put(parent, new Entry(new MailboxName(parent), null, Set.of(), Rights.NONE));
        }
    }

    /** Every name the user may see, mailboxes and the names above them, in LIST's order. */
    Iterable<Entry> entries() {
        return entries.values();
    }

    /** The entry of {@code name}, if the user may see it. */
    Optional<Entry> entry(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** Whether some name the user may see lies below {@code name}. */
    boolean hasChildren(String name) {
        String below = name + Namespace.SEPARATOR;
        String next = names.ceiling(below);
        return next != null && next.startsWith(below);
    }

    /** The subscribed names (IMAP names), existing or not. */
    Set<String> subscribed() {
        return subscribed;
    }

    boolean isSubscribed(String name) {
        return subscribed.contains(name);
    }

    /** Whether a subscribed name lies below {@code name}. */
    boolean hasSubscribedChild(String name) {
        String below = name + Namespace.SEPARATOR;
        return subscribed.stream().anyMatch(s -> s.startsWith(below));
    }
}
