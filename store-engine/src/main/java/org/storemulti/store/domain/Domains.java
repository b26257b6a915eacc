package org.storemulti.store.domain;

import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.storemulti.store.db.Database;
import org.storemulti.store.db.Session;
import org.storemulti.store.error.AlreadyExistsException;
import org.storemulti.store.error.InvalidArgumentException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.ObjectKind;
import org.storemulti.store.message.MessageFiles;
import org.storemulti.store.message.MessageGarbage;
import org.storemulti.store.name.DomainName;
import org.storemulti.store.name.Glob;

/** Domain administration (seed table 12-4). */
public final class Domains {

    /** Users every new domain gets, as {@code domain_add} documents. */
    public static final List<String> IMPLICIT_USERS = List.of("anonymous", "anyone");

    private final Database database;
    private final MessageFiles files;

    public Domains(Database database, MessageFiles files) {
        this.database = database;
        this.files = files;
    }

    /** Creates an enabled domain that allows anonymous logins, with users anonymous and anyone. */
    public void add(String name) {
        DomainName domain = new DomainName(name);
        database.write(session -> {
            if (find(session, domain) != 0) {
                throw new AlreadyExistsException(ObjectKind.DOMAIN, domain.value());
            }
            long id = session.nextId("domain");
            session.update("INSERT INTO domain (id, name, enabled, anonymous, quota_kb) VALUES (?, ?, 1, 1, NULL)",
                    id, domain.value());
            for (String user : IMPLICIT_USERS) {
                long userId = session.nextId("store_user");
                session.update("INSERT INTO store_user (id, domain_id, name) VALUES (?, ?, ?)", userId, id, user);
            }
            return null;
        });
    }

    /** Removes the domain with all its users and mailboxes; not reversible. */
    public void delete(String name) {
        DomainName domain = new DomainName(name);
        List<String> unreferenced = database.write(session -> {
            long id = requireId(session, domain);
            List<String> paths = MessageGarbage.dropMessages(session,
                    "mailbox_id IN (SELECT id FROM mailbox WHERE domain_id = ?)", id);
            session.update("DELETE FROM domain WHERE id = ?", id);
            return paths;
        });
        database.afterCommit(() -> files.deleteQuietly(unreferenced));
    }

    public void enable(String name) {
        setColumn(name, "enabled", 1);
    }

    /** Users of a disabled domain cannot authenticate; mail is still delivered. */
    public void disable(String name) {
        setColumn(name, "enabled", 0);
    }

    public void allowAnonymous(String name) {
        setColumn(name, "anonymous", 1);
    }

    public void disableAnonymous(String name) {
        setColumn(name, "anonymous", 0);
    }

    /** Sets a quota of {@code kilobytes} on the whole domain. */
    public void setQuota(String name, long kilobytes) {
        if (kilobytes < 0) {
            throw new InvalidArgumentException("quota", Long.toString(kilobytes), "must not be negative");
        }
        setColumn(name, "quota_kb", kilobytes);
    }

    /** Removes the domain quota. */
    public void deleteQuota(String name) {
        setColumn(name, "quota_kb", null);
    }

    /** Renames the domain; auth accounts keep their names, as the seed documents. */
    public void rename(String oldName, String newName) {
        DomainName from = new DomainName(oldName);
        DomainName to = new DomainName(newName);
        database.write(session -> {
            long id = requireId(session, from);
            if (find(session, to) != 0) {
                throw new AlreadyExistsException(ObjectKind.DOMAIN, to.value());
            }
            session.update("UPDATE domain SET name = ? WHERE id = ?", to.value(), id);
            return null;
        });
    }

    /** The domain's settings and usage. */
    public Domain get(String name) {
        DomainName domain = new DomainName(name);
        return database.read(session -> session.first(SELECT + " WHERE d.name = ?", Domains::row, domain.value())
                .orElseThrow(() -> new NotFoundException(ObjectKind.DOMAIN, domain.value())));
    }

    /** Domains whose names match the glob {@code pattern}, by name. */
    public List<Domain> list(String pattern) {
        Glob glob = new Glob(pattern);
        return database.read(session -> session.list(SELECT + " ORDER BY d.name", Domains::row)).stream()
                .filter(d -> glob.matches(d.name()))
                .collect(Collectors.toList());
    }

    /** The id of an existing domain, or {@link NotFoundException}. */
    public static long requireId(Session session, DomainName domain) throws SQLException {
        long id = find(session, domain);
        if (id == 0) {
            throw new NotFoundException(ObjectKind.DOMAIN, domain.value());
        }
        return id;
    }

    private static long find(Session session, DomainName domain) throws SQLException {
        return session.number("SELECT id FROM domain WHERE name = ?", domain.value());
    }

    private static final String SELECT = "SELECT d.name, d.enabled, d.anonymous, d.quota_kb,"
            + " (SELECT COALESCE(SUM(m.used_bytes), 0) FROM mailbox m WHERE m.domain_id = d.id) FROM domain d";

    private static Domain row(java.sql.ResultSet row) throws SQLException {
        long quota = row.getLong(4);
        OptionalLong quotaKb = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(quota);
        return new Domain(row.getString(1), row.getInt(2) == 1, row.getInt(3) == 1, quotaKb, row.getLong(5));
    }

    private void setColumn(String name, String column, Long value) {
        DomainName domain = new DomainName(name);
        database.write(session -> {
            long id = requireId(session, domain);
            session.update("UPDATE domain SET " + column + " = ? WHERE id = ?", value, id);
            return null;
        });
    }

    private void setColumn(String name, String column, long value) {
        setColumn(name, column, Long.valueOf(value));
    }
}
