package org.storemulti.store.mailbox;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.storemulti.store.account.Users;
import org.storemulti.store.change.ChangeFeed;
import org.storemulti.store.change.MailboxChange;
import org.storemulti.store.db.Database;
import org.storemulti.store.db.Session;
import org.storemulti.store.domain.Domains;
import org.storemulti.store.error.ConflictException;
import org.storemulti.store.error.InvalidArgumentException;
import org.storemulti.store.error.InvalidNameException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.ObjectKind;
import org.storemulti.store.message.MessageFiles;
import org.storemulti.store.name.DomainName;
import org.storemulti.store.name.FolderPath;
import org.storemulti.store.name.Glob;
import org.storemulti.store.name.UserName;

/** Personal and shared mailboxes (the {@code mbox_*} commands). */
public final class Mailboxes {

    /** RFC 6154 special-use attributes (and RFC 8457's \Important), as a mailbox may carry them. */
    public static final Set<String> SPECIAL_USES = Set.of("\\All", "\\Archive", "\\Drafts", "\\Flagged", "\\Junk",
            "\\Sent", "\\Trash", "\\Important");

    private final Database database;
    private final MessageFiles files;
    private final Clock clock;
    private final ChangeFeed feed;

    public Mailboxes(Database database, MessageFiles files, Clock clock, ChangeFeed feed) {
        this.database = database;
        this.files = files;
        this.clock = clock;
        this.feed = feed;
    }

    /** Creates the user (unless it exists) and its {@code user/NAME/INBOX}. */
    public void addUser(String domain, String user) {
        DomainName domainName = new DomainName(domain);
        UserName userName = new UserName(user);
        MailboxName inbox = MailboxName.personal(user, MailboxName.INBOX);
        database.write(session -> {
            long domainId = Domains.requireId(session, domainName);
            long userId = Users.find(session, domainId, userName);
            if (userId == 0) {
                userId = Users.insert(session, domainId, domainName, userName);
            }
            return publish(MailboxTable.insert(session, domainId, domainName.value(), inbox, userId, userName.value(),
                    clock));
        });
    }

    /** Deletes the user, all its personal mailboxes and messages, and its quota. */
    public void deleteUser(String domain, String user) {
        DomainName domainName = new DomainName(domain);
        UserName userName = new UserName(user);
        List<String> unreferenced = database.write(session -> {
            long domainId = Domains.requireId(session, domainName);
            long userId = Users.requireId(session, domainId, domainName, userName);
            publish(MailboxTable.describe(session, MailboxChange.Kind.DELETED, "domain_id = ? AND name >= ? AND name < ?",
                    domainId, Users.personalPrefix(userName), Users.personalEnd(userName)));
            List<String> paths = MailboxTable.delete(session, "domain_id = ? AND name >= ? AND name < ?",
                    domainId, Users.personalPrefix(userName), Users.personalEnd(userName));
            session.update("DELETE FROM quota WHERE domain_id = ? AND root = ?", domainId, "user/" + userName);
            Users.deleteRow(session, domainId, userId, userName);
            return paths;
        });
        database.afterCommit(() -> files.deleteQuietly(unreferenced));
    }

    /** Renames the user and each of its mailboxes. */
    public void renameUser(String domain, String oldName, String newName) {
        new Users(database).rename(domain, oldName, newName);
        UserName to = new UserName(newName);
        List<MailboxChange> renamed = database.read(session -> MailboxTable.describe(session,
                MailboxChange.Kind.RENAMED, "domain_id = (SELECT id FROM domain WHERE name = ?) AND name >= ? AND name < ?",
                new DomainName(domain).value(), Users.personalPrefix(to), Users.personalEnd(to)));
        publish(renamed);
    }

    /** Personal mailboxes of the domain whose full names match {@code pattern}. */
    public List<String> listUser(String domain, String pattern) {
        return list(domain, MailboxName.USER, pattern);
    }

    /** Shared mailboxes whose full names, or names without {@code shared/}, match {@code pattern}. */
    public List<String> listShared(String domain, String pattern) {
        return list(domain, MailboxName.SHARED, pattern);
    }

    /** Creates {@code user/USER/FOLDER}, owned by the user. */
    public void addUserFolder(String domain, String user, String folder) {
        MailboxName name = MailboxName.personal(user, folder);
        DomainName domainName = new DomainName(domain);
        UserName userName = new UserName(user);
        database.write(session -> {
            long domainId = Domains.requireId(session, domainName);
            long userId = Users.requireId(session, domainId, domainName, userName);
            return publish(MailboxTable.insert(session, domainId, domainName.value(), name, userId, userName.value(),
                    clock));
        });
    }

    /** Deletes one sub-folder and its messages; the INBOX goes only with the user. */
    public void deleteUserFolder(String domain, String user, String folder) {
        refuseInbox(user, folder);
        delete(domain, MailboxName.personal(user, folder));
    }

    /** Renames a sub-folder and the folders below it. */
    public void renameUserFolder(String domain, String user, String oldFolder, String newFolder) {
        refuseInbox(user, oldFolder);
        refuseInbox(user, newFolder);
        renameTree(domain, MailboxName.personal(user, oldFolder), MailboxName.personal(user, newFolder));
    }

    /**
     * Creates {@code shared/NAME}. {@code owner} may be {@code null} when a parent mailbox is
     * owned; the new mailbox then has the parent's owner.
     */
    public void addShared(String domain, String name, String owner) {
        MailboxName mailbox = MailboxName.shared(name);
        DomainName domainName = new DomainName(domain);
        database.write(session -> {
            long domainId = Domains.requireId(session, domainName);
            long ownerId = owner == null ? inheritedOwner(session, domainId, domainName, mailbox)
                    : Users.requireId(session, domainId, domainName, new UserName(owner));
            String ownerName = session.first("SELECT name FROM store_user WHERE id = ?", row -> row.getString(1),
                    ownerId).orElse(null);
            return publish(MailboxTable.insert(session, domainId, domainName.value(), mailbox, ownerId, ownerName, clock));
        });
    }

    /** Deletes one shared mailbox and its messages. */
    public void deleteShared(String domain, String name) {
        delete(domain, MailboxName.shared(name));
    }

    /** Renames a shared mailbox and the mailboxes below it. */
    public void renameShared(String domain, String oldName, String newName) {
        renameTree(domain, MailboxName.shared(oldName), MailboxName.shared(newName));
    }

    /**
     * Turns the user's mailboxes into shared ones: {@code user/joe/INBOX} becomes
     * {@code shared/NAME}, {@code user/joe/X} becomes {@code shared/NAME/X}. The user keeps
     * ownership and its account; the quota root moves along.
     */
    public void userToShared(String domain, String user, String sharedName) {
        DomainName domainName = new DomainName(domain);
        UserName userName = new UserName(user);
        MailboxName target = MailboxName.shared(sharedName);
        database.write(session -> {
            long domainId = Domains.requireId(session, domainName);
            Users.requireId(session, domainId, domainName, userName);
            MailboxTable.require(session, domainId, domainName.value(), MailboxName.personal(user, MailboxName.INBOX));
            String root = "user/" + userName;
            MailboxTable.renameTree(session, domainId, domainName.value(), root, target.value());
            session.update("UPDATE mailbox SET name = ? WHERE domain_id = ? AND name = ?",
                    target.value(), domainId, target.value() + "/" + MailboxName.INBOX);
            return publish(MailboxTable.describe(session, MailboxChange.Kind.RENAMED,
                    "domain_id = ? AND (name = ? OR (name >= ? AND name < ?))",
                    domainId, target.value(), target.value() + "/", target.value() + "0"));
        });
    }

    /** A mailbox's owner, UID state and usage. */
    public MailboxInfo get(String domain, String mailbox) {
        DomainName domainName = new DomainName(domain);
        MailboxName name = new MailboxName(mailbox);
        return database.read(session -> {
            long domainId = Domains.requireId(session, domainName);
            return session.first(INFO + " WHERE m.domain_id = ? AND m.name = ?", row -> info(domainName, row),
                    domainId, name.value())
                    .orElseThrow(() -> new NotFoundException(ObjectKind.MAILBOX, domainName + " " + name));
        });
    }

    /** Every mailbox of the domain, by name, in one query (IMAP LIST, a sync's mailbox list). */
    public List<MailboxInfo> all(String domain) {
        DomainName domainName = new DomainName(domain);
        return database.read(session -> session.list(INFO + " WHERE m.domain_id = ? ORDER BY m.name",
                row -> info(domainName, row), Domains.requireId(session, domainName)));
    }

    /**
     * {@code root} and every mailbox below it ({@code user/joe}: all of joe's), by name, in one
     * indexed query: what a sync of one user lists.
     */
    public List<MailboxInfo> tree(String domain, String root) {
        DomainName domainName = new DomainName(domain);
        return database.read(session -> session.list(INFO + " WHERE m.domain_id = ? AND (m.name = ? OR (m.name >= ?"
                + " AND m.name < ?)) ORDER BY m.name", row -> info(domainName, row),
                Domains.requireId(session, domainName), root, root + "/", root + "0"));
    }

    /**
     * The mailboxes of the domain among {@code names} (full names; those that do not exist are
     * left out), by name, in a few queries however many mailboxes the domain has: IMAP LIST
     * reads only those the user has rights on.
     */
    public List<MailboxInfo> named(String domain, Collection<String> names) {
        DomainName domainName = new DomainName(domain);
        List<String> wanted = List.copyOf(new TreeSet<>(names));
        return database.read(session -> {
            long domainId = Domains.requireId(session, domainName);
            List<MailboxInfo> found = new ArrayList<>();
            for (int from = 0; from < wanted.size(); from += NAMES_PER_QUERY) {
                List<String> chunk = wanted.subList(from, Math.min(wanted.size(), from + NAMES_PER_QUERY));
                List<Object> parameters = new ArrayList<>(List.of(domainId));
                parameters.addAll(chunk);
                found.addAll(session.list(INFO + " WHERE m.domain_id = ? AND m.name IN ("
                        + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ") ORDER BY m.name",
                        row -> info(domainName, row), parameters.toArray()));
            }
            return found;
        });
    }

    /** Well under SQLite's limit on a statement's parameters. */
    private static final int NAMES_PER_QUERY = 500;

    private static final String INFO = "SELECT m.name, u.name, m.uid_validity, m.next_uid, m.used_bytes, m.guid,"
            + " m.special_use FROM mailbox m LEFT JOIN store_user u ON u.id = m.owner_id";

    private static MailboxInfo info(DomainName domain, java.sql.ResultSet row) throws SQLException {
        String uses = row.getString(7);
        return new MailboxInfo(domain.value(), row.getString(1), row.getString(2), row.getLong(3), row.getLong(4),
                row.getLong(5), row.getString(6), uses.isEmpty() ? Set.of() : Set.of(uses.split(" ")));
    }

    /**
     * Sets the mailbox's special-use attributes (RFC 6154: {@code \Sent}, {@code \Trash}, ...;
     * case-insensitive; empty removes them).
     */
    public void setSpecialUse(String domain, String mailbox, Set<String> uses) {
        DomainName domainName = new DomainName(domain);
        MailboxName name = new MailboxName(mailbox);
        TreeSet<String> canonical = new TreeSet<>();
        for (String use : uses) {
            canonical.add(SPECIAL_USES.stream().filter(known -> known.equalsIgnoreCase(use)).findFirst()
                    .orElseThrow(() -> new InvalidArgumentException("special-use attribute", use,
                            "expected one of " + new TreeSet<>(SPECIAL_USES))));
        }
        database.write(session -> {
            long id = MailboxTable.require(session, Domains.requireId(session, domainName), domainName.value(), name).id();
            return session.update("UPDATE mailbox SET special_use = ? WHERE id = ?", String.join(" ", canonical), id);
        });
    }

    /** Where the mailbox's data lives ({@code mbox_get_user_path}, {@code mbox_get_shared_path}). */
    public MailboxLocation locate(String domain, String mailbox) {
        DomainName domainName = new DomainName(domain);
        MailboxName name = new MailboxName(mailbox);
        long id = database.read(session -> MailboxTable.require(session,
                Domains.requireId(session, domainName), domainName.value(), name).id());
        return new MailboxLocation(database.file(), id, files.directory());
    }

    private List<String> list(String domain, String prefix, String pattern) {
        DomainName domainName = new DomainName(domain);
        Glob glob = new Glob(pattern);
        return database.read(session -> session.list(
                "SELECT name FROM mailbox WHERE domain_id = ? AND name >= ? AND name < ? ORDER BY name",
                row -> row.getString(1), Domains.requireId(session, domainName), prefix,
                prefix.substring(0, prefix.length() - 1) + "0"))
                .stream().filter(n -> glob.matches(n) || glob.matches(n.substring(prefix.length())))
                .collect(Collectors.toList());
    }

    private void delete(String domain, MailboxName name) {
        DomainName domainName = new DomainName(domain);
        List<String> unreferenced = database.write(session -> {
            long domainId = Domains.requireId(session, domainName);
            MailboxRow row = MailboxTable.require(session, domainId, domainName.value(), name);
            session.update("DELETE FROM quota WHERE domain_id = ? AND root = ?", domainId, name.value());
            publish(MailboxTable.describe(session, MailboxChange.Kind.DELETED, "id = ?", row.id()));
            return MailboxTable.delete(session, "id = ?", row.id());
        });
        database.afterCommit(() -> files.deleteQuietly(unreferenced));
    }

    private void renameTree(String domain, MailboxName from, MailboxName to) {
        DomainName domainName = new DomainName(domain);
        if (to.value().startsWith(from.value() + "/")) {
            throw new InvalidNameException(ObjectKind.MAILBOX, to.value(), "is inside " + from);
        }
        database.write(session -> {
            long domainId = Domains.requireId(session, domainName);
            MailboxTable.require(session, domainId, domainName.value(), from);
            MailboxTable.renameTree(session, domainId, domainName.value(), from.value(), to.value());
            return publish(MailboxTable.describe(session, MailboxChange.Kind.RENAMED,
                    "domain_id = ? AND (name = ? OR (name >= ? AND name < ?))",
                    domainId, to.value(), to.value() + "/", to.value() + "0"));
        });
    }

    /** Tells the change feed after the commit (inside a bulk: after the bulk's commit). */
    private List<MailboxChange> publish(List<MailboxChange> changes) {
        database.afterCommit(() -> feed.publish(changes));
        return changes;
    }

    private MailboxChange publish(MailboxChange change) {
        publish(List.of(change));
        return change;
    }

    private static long inheritedOwner(Session session, long domainId, DomainName domain, MailboxName mailbox)
            throws SQLException {
        for (MailboxName parent = mailbox.parent(); parent != null; parent = parent.parent()) {
            var row = MailboxTable.find(session, domainId, parent);
            if (row.isPresent() && row.get().ownerId() != 0) {
                return row.get().ownerId();
            }
        }
        throw new ConflictException("mailbox " + domain + " " + mailbox, "needs an owner (no owned parent mailbox)");
    }

    private static void refuseInbox(String user, String folder) {
        if (folder.equals(MailboxName.INBOX)) {
            throw new ConflictException("mailbox user/" + user + "/INBOX",
                    "the INBOX is removed or renamed only with its user");
        }
    }
}
