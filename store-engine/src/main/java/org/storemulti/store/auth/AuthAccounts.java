package org.storemulti.store.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.storemulti.store.db.Database;
import org.storemulti.store.db.Session;
import org.storemulti.store.error.AlreadyExistsException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.ObjectKind;
import org.storemulti.store.name.AuthId;
import org.storemulti.store.name.Glob;

/** Password accounts ({@code auth_add} ... {@code auth_rename}) and authentication. */
public final class AuthAccounts {

    private final Database database;
    private final Clock clock;

    public AuthAccounts(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Adds an enabled account that never expires; a plain password is hashed. */
    public void add(String authId, String password) {
        AuthId id = new AuthId(authId);
        String hash = PasswordHash.of(password);
        database.write(session -> {
            if (find(session, id).isPresent()) {
                throw new AlreadyExistsException(ObjectKind.AUTH_ACCOUNT, id.value());
            }
            session.update("INSERT INTO auth_account (authid, password, expires, enabled) VALUES (?, ?, 0, 1)",
                    id.value(), hash);
            return null;
        });
    }

    public void delete(String authId) {
        change(authId, "DELETE FROM auth_account WHERE authid = ?");
    }

    public void enable(String authId) {
        change(authId, "UPDATE auth_account SET enabled = 1 WHERE authid = ?");
    }

    /** The stored password is refused until the account is enabled again. */
    public void disable(String authId) {
        change(authId, "UPDATE auth_account SET enabled = 0 WHERE authid = ?");
    }

    /** Sets the expiry: {@code 0} (never) or {@code YYYYMMDDHHNNSS}. */
    public void modifyExpiry(String authId, String expiry) {
        Expiry parsed = Expiry.parse(expiry);
        change(authId, "UPDATE auth_account SET expires = " + parsed.value() + " WHERE authid = ?");
    }

    /** Replaces the password; a plain password is hashed. */
    public void setPassword(String authId, String password) {
        AuthId id = new AuthId(authId);
        String hash = PasswordHash.of(password);
        database.write(session -> {
            require(session, id);
            session.update("UPDATE auth_account SET password = ? WHERE authid = ?", hash, id.value());
            return null;
        });
    }

    public void rename(String oldAuthId, String newAuthId) {
        AuthId from = new AuthId(oldAuthId);
        AuthId to = new AuthId(newAuthId);
        database.write(session -> {
            require(session, from);
            if (find(session, to).isPresent()) {
                throw new AlreadyExistsException(ObjectKind.AUTH_ACCOUNT, to.value());
            }
            session.update("UPDATE auth_account SET authid = ? WHERE authid = ?", to.value(), from.value());
            return null;
        });
    }

    /** The stored password hash ({@code {SCHEME}...}): what {@link #add} takes to copy the account to another store. */
    public String passwordHash(String authId) {
        AuthId id = new AuthId(authId);
        return database.read(session -> {
            require(session, id);
            return session.first("SELECT password FROM auth_account WHERE authid = ?", row -> row.getString(1),
                    id.value()).orElseThrow();
        });
    }

    public AuthAccount get(String authId) {
        AuthId id = new AuthId(authId);
        return database.read(session -> require(session, id));
    }

    /** Accounts whose login names match {@code pattern}, sorted. */
    public List<AuthAccount> list(String pattern) {
        Glob glob = new Glob(pattern);
        return database.read(session -> session.list("SELECT authid, expires, enabled FROM auth_account ORDER BY authid",
                AuthAccounts::row)).stream().filter(a -> glob.matches(a.authId())).collect(Collectors.toList());
    }

    /**
     * Checks a login: account enabled, not expired, password right, and the identity it
     * maps to (its auth alias, else the login name; {@code @defaultDomain} appended when
     * unqualified) in an existing, enabled domain.
     */
    public Authentication authenticate(String authId, String password, String defaultDomain) {
        return database.read(session -> new Login(session, clock).check(authId, password, defaultDomain));
    }

    private void change(String authId, String sql) {
        AuthId id = new AuthId(authId);
        database.write(session -> {
            require(session, id);
            session.update(sql, id.value());
            return null;
        });
    }

    static Optional<AuthAccount> find(Session session, AuthId id) throws SQLException {
        return session.first("SELECT authid, expires, enabled FROM auth_account WHERE authid = ?",
                AuthAccounts::row, id.value());
    }

    private static AuthAccount require(Session session, AuthId id) throws SQLException {
        return find(session, id).orElseThrow(() -> new NotFoundException(ObjectKind.AUTH_ACCOUNT, id.value()));
    }

    private static AuthAccount row(ResultSet row) throws SQLException {
        return new AuthAccount(row.getString(1), new Expiry(row.getLong(2)), row.getInt(3) == 1);
    }
}
