package org.storemulti.store.account;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.storemulti.store.db.Database;
import org.storemulti.store.db.Session;
import org.storemulti.store.domain.Domains;
import org.storemulti.store.error.AlreadyExistsException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.ObjectKind;
import org.storemulti.store.name.DomainName;
import org.storemulti.store.name.Glob;
import org.storemulti.store.name.UserName;

/**
 * Site administrators (users of the administrative domain, which the caller's
 * configuration names) and domain administrators (users of one domain).
 */
public final class Administrators {

    private static final String SITE = "site";
    private static final String DOMAIN = "domain";

    private final Database database;

    public Administrators(Database database) {
        this.database = database;
    }

    /** Makes {@code user} of the administrative domain a site administrator. */
    public void addSite(String adminDomain, String user) {
        add(adminDomain, user, SITE, ObjectKind.SITE_ADMINISTRATOR);
    }

    public void deleteSite(String adminDomain, String user) {
        delete(adminDomain, user, SITE, ObjectKind.SITE_ADMINISTRATOR);
    }

    /** Site administrators matching {@code pattern}, as {@code user@domain}. */
    public List<String> listSite(String pattern) {
        Glob glob = new Glob(pattern);
        return database.read(session -> session.list("SELECT u.name, d.name FROM administrator a"
                + " JOIN store_user u ON u.id = a.user_id JOIN domain d ON d.id = u.domain_id"
                + " WHERE a.scope = ? ORDER BY d.name, u.name", row -> row.getString(1) + "@" + row.getString(2), SITE))
                .stream().filter(name -> glob.matches(name) || glob.matches(name.substring(0, name.indexOf('@'))))
                .collect(Collectors.toList());
    }

    /** Makes {@code user} an administrator of {@code domain}. */
    public void addDomain(String domain, String user) {
        add(domain, user, DOMAIN, ObjectKind.DOMAIN_ADMINISTRATOR);
    }

    public void deleteDomain(String domain, String user) {
        delete(domain, user, DOMAIN, ObjectKind.DOMAIN_ADMINISTRATOR);
    }

    /** Administrators of {@code domain} matching {@code pattern}, as user names. */
    public List<String> listDomain(String domain, String pattern) {
        DomainName domainName = new DomainName(domain);
        Glob glob = new Glob(pattern);
        return database.read(session -> session.list("SELECT u.name FROM administrator a"
                + " JOIN store_user u ON u.id = a.user_id WHERE a.scope = ? AND u.domain_id = ? ORDER BY u.name",
                row -> row.getString(1), DOMAIN, Domains.requireId(session, domainName)))
                .stream().filter(glob::matches).collect(Collectors.toList());
    }

    private void add(String domain, String user, String scope, ObjectKind kind) {
        DomainName domainName = new DomainName(domain);
        UserName userName = new UserName(user);
        database.write(session -> {
            long userId = userId(session, domainName, userName);
            if (isAdministrator(session, userId, scope)) {
                throw new AlreadyExistsException(kind, userName + "@" + domainName);
            }
            session.update("INSERT INTO administrator (user_id, scope) VALUES (?, ?)", userId, scope);
            return null;
        });
    }

    private void delete(String domain, String user, String scope, ObjectKind kind) {
        DomainName domainName = new DomainName(domain);
        UserName userName = new UserName(user);
        database.write(session -> {
            long userId = userId(session, domainName, userName);
            if (session.update("DELETE FROM administrator WHERE user_id = ? AND scope = ?", userId, scope) == 0) {
                throw new NotFoundException(kind, userName + "@" + domainName);
            }
            return null;
        });
    }

    private static long userId(Session session, DomainName domain, UserName user) throws SQLException {
        return Users.requireId(session, Domains.requireId(session, domain), domain, user);
    }

    private static boolean isAdministrator(Session session, long userId, String scope) throws SQLException {
        return session.number("SELECT COUNT(*) FROM administrator WHERE user_id = ? AND scope = ?", userId, scope) > 0;
    }
}
