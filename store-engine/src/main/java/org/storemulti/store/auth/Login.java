package org.storemulti.store.auth;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.storemulti.store.auth.Authentication.Outcome;
import org.storemulti.store.db.Session;

/** One authentication check, top to bottom, inside one read transaction. */
final class Login {

    /** Hashed against when the account does not exist, so both refusals cost the same time. */
    private static final String DECOY = PasswordHash.of("decoy password");

    private final Session session;
    private final Clock clock;

    Login(Session session, Clock clock) {
        this.session = session;
        this.clock = clock;
    }

    private record Stored(String password, Expiry expiry, boolean enabled) {
    }

    Authentication check(String authId, String password, String defaultDomain) throws SQLException {
        Optional<Stored> account = session.first("SELECT password, expires, enabled FROM auth_account WHERE authid = ?",
                row -> new Stored(row.getString(1), new Expiry(row.getLong(2)), row.getInt(3) == 1), authId);
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
        String userId = session.first("SELECT userid FROM auth_alias WHERE authid = ?", row -> row.getString(1), authId)
                .orElse(authId);
        if (userId.indexOf('@') < 0) {
            userId = userId + "@" + defaultDomain;
        }
        return domainCheck(userId);
    }

    private Authentication domainCheck(String userId) throws SQLException {
        String domain = userId.substring(userId.lastIndexOf('@') + 1);
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
