package org.storemulti.store.account;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.storemulti.store.db.Database;
import org.storemulti.store.db.Session;
import org.storemulti.store.domain.Domains;
import org.storemulti.store.error.AlreadyExistsException;
import org.storemulti.store.error.ConflictException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.ObjectKind;
import org.storemulti.store.name.DomainName;
import org.storemulti.store.name.Glob;
import org.storemulti.store.name.UserName;

/** User accounts of a domain ({@code user_add}, {@code user_del}, {@code user_list}, {@code user_rename}). */
public final class Users {

    private final Database database;

    public Users(Database database) {
        this.database = database;
    }

    /** Creates the user account (no mailbox). */
    public void add(String domain, String user) {
        DomainName domainName = new DomainName(domain);
        UserName userName = new UserName(user);
        database.write(session -> insert(session, Domains.requireId(session, domainName), domainName, userName));
    }

    /** Deletes the user account; refused while the user still has personal mailboxes. */
    public void delete(String domain, String user) {
        DomainName domainName = new DomainName(domain);
        UserName userName = new UserName(user);
        database.write(session -> {
            long domainId = Domains.requireId(session, domainName);
            long id = requireId(session, domainId, domainName, userName);
            if (session.number("SELECT COUNT(*) FROM mailbox WHERE domain_id = ? AND name >= ? AND name < ?",
                    domainId, personalPrefix(userName), personalEnd(userName)) > 0) {
                throw new ConflictException("user " + userName + "@" + domainName,
                        "still has mailboxes (delete them with the mailbox user delete)");
            }
            deleteRow(session, domainId, id, userName);
            return null;
        });
    }

    /** Deletes a user row and the user's entries in the domain's access control lists. */
    public static void deleteRow(Session session, long domainId, long userId, UserName user) throws SQLException {
        session.update("DELETE FROM mailbox_acl WHERE identifier IN (?, ?)"
                + " AND mailbox_id IN (SELECT id FROM mailbox WHERE domain_id = ?)",
                user.value(), "-" + user.value(), domainId);
        session.update("DELETE FROM store_user WHERE id = ?", userId);
    }

    /** Names of the domain's users matching {@code pattern}, sorted. */
    public List<String> list(String domain, String pattern) {
        DomainName domainName = new DomainName(domain);
        Glob glob = new Glob(pattern);
        return database.read(session -> session.list("SELECT name FROM store_user WHERE domain_id = ? ORDER BY name",
                row -> row.getString(1), Domains.requireId(session, domainName)))
                .stream().filter(glob::matches).collect(Collectors.toList());
    }

    /** Renames the user and its personal mailboxes {@code user/OLD/...} to {@code user/NEW/...}. */
    public void rename(String domain, String oldName, String newName) {
        DomainName domainName = new DomainName(domain);
        UserName from = new UserName(oldName);
        UserName to = new UserName(newName);
        database.write(session -> {
            long domainId = Domains.requireId(session, domainName);
            long id = requireId(session, domainId, domainName, from);
            refuseCaseVariant(session, domainId, domainName, to, id);
            session.update("UPDATE store_user SET name = ? WHERE id = ?", to.value(), id);
            String oldPrefix = personalPrefix(from);
            session.update("UPDATE mailbox SET name = ? || SUBSTR(name, ?) WHERE domain_id = ? AND name >= ? AND name < ?",
                    personalPrefix(to), oldPrefix.length() + 1, domainId, oldPrefix, personalEnd(from));
            session.update("UPDATE quota SET root = ? WHERE domain_id = ? AND root = ?",
                    "user/" + to, domainId, "user/" + from);
            session.update("UPDATE subscription SET mailbox = ? || SUBSTR(mailbox, ?)"
                    + " WHERE user_id IN (SELECT id FROM store_user WHERE domain_id = ?) AND mailbox >= ? AND mailbox < ?",
                    personalPrefix(to), oldPrefix.length() + 1, domainId, oldPrefix, personalEnd(from));
            for (String sign : new String[] {"", "-"}) {
                session.update("UPDATE mailbox_acl SET identifier = ? WHERE identifier = ?"
                        + " AND mailbox_id IN (SELECT id FROM mailbox WHERE domain_id = ?)",
                        sign + to, sign + from, domainId);
            }
            return null;
        });
    }

    /**
     * Inserts a user row; {@link AlreadyExistsException} if the name is taken, also in another
     * ASCII case (mail finds users without regard to case, so {@code Joe} and {@code joe}
     * would be one recipient).
     */
    public static long insert(Session session, long domainId, DomainName domain, UserName user) throws SQLException {
        refuseCaseVariant(session, domainId, domain, user, 0);
        long id = session.nextId("store_user");
        session.update("INSERT INTO store_user (id, domain_id, name) VALUES (?, ?, ?)", id, domainId, user.value());
        return id;
    }

    /** The id of an existing user, or {@link NotFoundException}. */
    public static long requireId(Session session, long domainId, DomainName domain, UserName user)
            throws SQLException {
        long id = find(session, domainId, user);
        if (id == 0) {
            throw new NotFoundException(ObjectKind.USER, user + "@" + domain);
        }
        return id;
    }

    /**
     * Refuses {@code user} when a user other than {@code self} (0: none) has the same name
     * in any ASCII case; checked inside the caller's write transaction, so two creations
     * cannot both pass. Users that already differ only in case (made before this rule) stay.
     */
    private static void refuseCaseVariant(Session session, long domainId, DomainName domain, UserName user, long self)
            throws SQLException {
        for (Named other : sameFolded(session, domainId, user.folded())) {
            if (other.id() != self) {
                throw new AlreadyExistsException(ObjectKind.USER, user + "@" + domain
                        + (other.name().equals(user.value()) ? "" : " (as " + other.name() + "; user names ignore case)"));
            }
        }
    }

    /** A user row's id and stored name. */
    public record Named(long id, String name) {
    }

    /** The users of a domain whose name folds to {@code folded} (see {@link UserName#folded}), by id. */
    public static List<Named> sameFolded(Session session, long domainId, String folded) throws SQLException {
        return session.list("SELECT id, name FROM store_user WHERE domain_id = ? AND lower(name) = ? ORDER BY id",
                row -> new Named(row.getLong(1), row.getString(2)), domainId, folded);
    }

    /** The id of a user, 0 if there is none. */
    public static long find(Session session, long domainId, UserName user) throws SQLException {
        return session.number("SELECT id FROM store_user WHERE domain_id = ? AND name = ?", domainId, user.value());
    }

    /** {@code user/NAME/}: every personal mailbox name starts with it. */
    public static String personalPrefix(UserName user) {
        return "user/" + user.value() + "/";
    }

    /** The first name after all personal mailboxes of {@code user} ('0' follows '/'). */
    public static String personalEnd(UserName user) {
        return "user/" + user.value() + "0";
    }
}
