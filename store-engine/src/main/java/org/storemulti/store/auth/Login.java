package org.storemulti.store.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.storemulti.store.auth.Authentication.Outcome;
import org.storemulti.store.db.Session;
import org.storemulti.store.name.UserName;

/**
 * One authentication check, top to bottom, inside one read transaction. The login name is
 * the auth account's name as written; when no account has exactly that name, one whose
 * name differs only in ASCII case is taken (user names match that way for mail too, and
 * clients send {@code Joe@Example.com} as readily as {@code joe@example.com}), unless
 * several do. The identity's domain is matched in lower case, as domains are stored.
 */
final class Login {

    /** Hashed against when the account does not exist, so both refusals cost the same time. */
    private static final String DECOY = PasswordHash.of("decoy password");

    private final Session session;
    private final Clock clock;

    Login(Session session, Clock clock) {
        this.session = session;
        this.clock = clock;
    }

    private record Stored(String authId, String password, Expiry expiry, boolean enabled) {
    }

    private static final String ACCOUNT = "SELECT authid, password, expires, enabled FROM auth_account";

    Authentication check(String loginName, String password, String defaultDomain) throws SQLException {
        Optional<Stored> account = find(loginName);
        if (account.isEmpty()) {
            PasswordHash.verify(DECOY, password);
            return refused(Outcome.NO_SUCH_ACCOUNT);
        }
        if (!PasswordHash.verify(account.get().password(), password)) {
            return refused(Outcome.WRONG_PASSWORD);
        }
        if (!account.get().enabled()) {
            return refused(Outcome.ACCOUNT_DISABLED);
        }
        if (account.get().expiry().isExpiredAt(clock.instant())) {
            return refused(Outcome.PASSWORD_EXPIRED);
        }
        String authId = account.get().authId();
        String userId = session.first("SELECT userid FROM auth_alias WHERE authid = ?", row -> row.getString(1), authId)
                .orElse(authId);
        if (userId.indexOf('@') < 0) {
            userId = userId + "@" + defaultDomain;
        }
        int at = userId.lastIndexOf('@');
        return domainCheck(userId.substring(0, at), userId.substring(at + 1).toLowerCase(Locale.ROOT));
    }

    /** The account named exactly {@code loginName}, else the one named so but for ASCII case. */
    private Optional<Stored> find(String loginName) throws SQLException {
        Optional<Stored> exact = session.first(ACCOUNT + " WHERE authid = ?", Login::stored, loginName);
        if (exact.isPresent()) {
            return exact;
        }
        List<Stored> folded = session.list(ACCOUNT + " WHERE lower(authid) = ?", Login::stored,
                UserName.folded(loginName));
        return folded.size() == 1 ? Optional.of(folded.get(0)) : Optional.empty();
    }

    private static Stored stored(ResultSet row) throws SQLException {
        return new Stored(row.getString(1), row.getString(2), new Expiry(row.getLong(3)), row.getInt(4) == 1);
    }

    private Authentication domainCheck(String localPart, String domain) throws SQLException {
        String userId = localPart + "@" + domain;
        Optional<Integer> enabled = session.first("SELECT enabled FROM domain WHERE name = ?", row -> row.getInt(1),
                domain);
        if (enabled.isEmpty()) {
            return refused(Outcome.NO_SUCH_DOMAIN);
        }
        if (enabled.get() != 1) {
            return refused(Outcome.DOMAIN_DISABLED);
        }
        return new Authentication(Outcome.ACCEPTED, userId);
    }

    private static Authentication refused(Outcome outcome) {
        return new Authentication(outcome, null);
    }
}
