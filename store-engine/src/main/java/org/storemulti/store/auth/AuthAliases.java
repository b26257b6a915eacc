package org.storemulti.store.auth;

import java.util.List;
import java.util.stream.Collectors;
import org.storemulti.store.db.Database;
import org.storemulti.store.error.AlreadyExistsException;
import org.storemulti.store.error.InvalidArgumentException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.ObjectKind;
import org.storemulti.store.name.AuthId;
import org.storemulti.store.name.DomainName;
import org.storemulti.store.name.Glob;
import org.storemulti.store.name.UserName;

/**
 * Auth aliases ({@code auth_alias_add/del/mod/list}): a login name authorized as a
 * {@code user@domain} identity. Qualifying a bare user with the default domain is the
 * caller's job; this class requires the qualified form.
 */
public final class AuthAliases {

    private final Database database;

    public AuthAliases(Database database) {
        this.database = database;
    }

    public void add(String authId, String userId) {
        AuthId id = new AuthId(authId);
        String target = requireQualified(userId);
        database.write(session -> {
            if (session.number("SELECT COUNT(*) FROM auth_alias WHERE authid = ?", id.value()) > 0) {
                throw new AlreadyExistsException(ObjectKind.AUTH_ALIAS, id.value());
            }
            session.update("INSERT INTO auth_alias (authid, userid) VALUES (?, ?)", id.value(), target);
            return null;
        });
    }

    public void delete(String authId) {
        AuthId id = new AuthId(authId);
        database.write(session -> {
            if (session.update("DELETE FROM auth_alias WHERE authid = ?", id.value()) == 0) {
                throw new NotFoundException(ObjectKind.AUTH_ALIAS, id.value());
            }
            return null;
        });
    }

    /** Points an existing alias at {@code newUserId}. */
    public void modify(String authId, String newUserId) {
        AuthId id = new AuthId(authId);
        String target = requireQualified(newUserId);
        database.write(session -> {
            if (session.update("UPDATE auth_alias SET userid = ? WHERE authid = ?", target, id.value()) == 0) {
                throw new NotFoundException(ObjectKind.AUTH_ALIAS, id.value());
            }
            return null;
        });
    }

    /** Aliases whose login names match {@code pattern}, sorted. */
    public List<AuthAlias> list(String pattern) {
        Glob glob = new Glob(pattern);
        return database.read(session -> session.list("SELECT authid, userid FROM auth_alias ORDER BY authid",
                row -> new AuthAlias(row.getString(1), row.getString(2))))
                .stream().filter(a -> glob.matches(a.authId())).collect(Collectors.toList());
    }

    private static String requireQualified(String userId) {
        int at = userId == null ? -1 : userId.lastIndexOf('@');
        if (at < 0) {
            throw new InvalidArgumentException("authorization identifier", String.valueOf(userId),
                    "expected user@domain");
        }
        return new UserName(userId.substring(0, at)) + "@" + new DomainName(userId.substring(at + 1));
    }
}
