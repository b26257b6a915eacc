package org.storemulti.store.mailbox;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.storemulti.store.db.Database;
import org.storemulti.store.db.Session;
import org.storemulti.store.domain.Domains;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.ObjectKind;
import org.storemulti.store.name.DomainName;
import org.storemulti.store.name.UserName;

/**
 * Access control lists ({@code acl_user_*}, {@code acl_shared_*}). Identifiers are user
 * names of the mailbox's domain or {@code anyone}; a leading {@code -} marks negative
 * rights, which are subtracted from what the positive entries grant (RFC 4314 section 2).
 */
public final class Acls {

    public static final String ANYONE = "anyone";

    private final Database database;

    public Acls(Database database) {
        this.database = database;
    }

    /**
     * Sets the rights of {@code identifier} on a mailbox: {@code +rights} adds,
     * {@code -rights} removes, plain {@code rights} replaces. An entry left empty is removed.
     */
    public void set(String domain, String mailbox, String identifier, String rights) {
        DomainName domainName = new DomainName(domain);
        MailboxName name = new MailboxName(mailbox);
        String who = checkIdentifier(identifier);
        char mode = rights.startsWith("+") || rights.startsWith("-") ? rights.charAt(0) : '=';
        Rights given = new Rights(mode == '=' ? rights : rights.substring(1));
        database.write(session -> {
            long id = mailboxId(session, domainName, name);
            Rights current = current(session, id, who).orElse(Rights.NONE);
            Rights next = mode == '+' ? current.plus(given) : mode == '-' ? current.minus(given) : given;
            session.update("DELETE FROM mailbox_acl WHERE mailbox_id = ? AND identifier = ?", id, who);
            if (!next.isEmpty()) {
                session.update("INSERT INTO mailbox_acl (mailbox_id, identifier, rights) VALUES (?, ?, ?)",
                        id, who, next.letters());
            }
            return null;
        });
    }

    /** Removes the entry of {@code identifier}. */
    public void delete(String domain, String mailbox, String identifier) {
        DomainName domainName = new DomainName(domain);
        MailboxName name = new MailboxName(mailbox);
        String who = checkIdentifier(identifier);
        database.write(session -> {
            long id = mailboxId(session, domainName, name);
            if (session.update("DELETE FROM mailbox_acl WHERE mailbox_id = ? AND identifier = ?", id, who) == 0) {
                throw new NotFoundException(ObjectKind.ACL_ENTRY, domainName + " " + name + " " + who);
            }
            return null;
        });
    }

    /** The mailbox's entries, sorted by identifier. */
    public List<AclEntry> get(String domain, String mailbox) {
        DomainName domainName = new DomainName(domain);
        MailboxName name = new MailboxName(mailbox);
        return database.read(session -> session.list(
                "SELECT identifier, rights FROM mailbox_acl WHERE mailbox_id = ? ORDER BY identifier",
                row -> new AclEntry(row.getString(1), new Rights(row.getString(2))),
                mailboxId(session, domainName, name)));
    }

    /**
     * The entries of {@code root} and every mailbox below it, by mailbox name and then
     * identifier, in one query (a sync of one user's mailboxes); mailboxes without entries are absent.
     */
    public Map<String, List<AclEntry>> tree(String domain, String root) {
        DomainName domainName = new DomainName(domain);
        Map<String, List<AclEntry>> entries = new TreeMap<>();
        database.read(session -> {
            session.forEach("SELECT m.name, a.identifier, a.rights FROM mailbox_acl a JOIN mailbox m ON m.id = a.mailbox_id"
                    + " WHERE m.domain_id = ? AND (m.name = ? OR (m.name >= ? AND m.name < ?))"
                    + " ORDER BY m.name, a.identifier",
                    row -> entries.computeIfAbsent(row.getString(1), name -> new ArrayList<>())
                            .add(new AclEntry(row.getString(2), new Rights(row.getString(3)))),
                    Domains.requireId(session, domainName), root, root + "/", root + "0");
            return null;
        });
        return entries;
    }

    /** What {@code user} may do: its and anyone's rights minus its and anyone's negative rights. */
    public Rights rightsOf(String domain, String mailbox, String user) {
        DomainName domainName = new DomainName(domain);
        MailboxName name = new MailboxName(mailbox);
        String who = new UserName(user).value();
        return database.read(session -> rightsOf(session, mailboxId(session, domainName, name), who));
    }

    /** {@link #rightsOf(String, String, String)} inside the caller's transaction. */
    static Rights rightsOf(Session session, long mailboxId, String who) throws SQLException {
        Rights granted = current(session, mailboxId, who).orElse(Rights.NONE)
                .plus(current(session, mailboxId, ANYONE).orElse(Rights.NONE));
        Rights denied = current(session, mailboxId, "-" + who).orElse(Rights.NONE)
                .plus(current(session, mailboxId, "-" + ANYONE).orElse(Rights.NONE));
        return granted.minus(denied);
    }

    /**
     * What {@code user} may do in each mailbox of the domain, by full name, in one query
     * (IMAP LIST and LSUB check {@code l} for every mailbox); mailboxes where the user has no
     * right are absent.
     */
    public Map<String, Rights> rightsOfAll(String domain, String user) {
        DomainName domainName = new DomainName(domain);
        String who = new UserName(user).value();
        Map<String, Rights> granted = new TreeMap<>();
        Map<String, Rights> denied = new HashMap<>();
        database.read(session -> {
            session.forEach("SELECT m.name, a.identifier, a.rights FROM mailbox_acl a JOIN mailbox m ON m.id = a.mailbox_id"
                    + " WHERE m.domain_id = ? AND a.identifier IN (?, ?, ?, ?)", row -> {
                        Map<String, Rights> side = row.getString(2).startsWith("-") ? denied : granted;
                        side.merge(row.getString(1), new Rights(row.getString(3)), Rights::plus);
                    }, Domains.requireId(session, domainName), who, ANYONE, "-" + who, "-" + ANYONE);
            return null;
        });
        Map<String, Rights> result = new TreeMap<>();
        granted.forEach((mailbox, rights) -> {
            Rights effective = rights.minus(denied.getOrDefault(mailbox, Rights.NONE));
            if (!effective.isEmpty()) {
                result.put(mailbox, effective);
            }
        });
        return result;
    }

    private static String checkIdentifier(String identifier) {
        String bare = identifier != null && identifier.startsWith("-") ? identifier.substring(1) : identifier;
        new UserName(bare);
        return identifier;
    }

    private static long mailboxId(Session session, DomainName domain, MailboxName name) throws SQLException {
        return MailboxTable.require(session, Domains.requireId(session, domain), domain.value(), name).id();
    }

    private static Optional<Rights> current(Session session, long mailboxId, String identifier) throws SQLException {
        return session.first("SELECT rights FROM mailbox_acl WHERE mailbox_id = ? AND identifier = ?",
                row -> new Rights(row.getString(1)), mailboxId, identifier);
    }
}
