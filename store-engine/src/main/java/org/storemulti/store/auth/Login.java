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

    Authentication check(String authId, String password, String defaultDomain) throws SQLException {
        Optional<String[]> account = session.first("SELECT password, expires, enabled FROM auth_account WHERE authid = ?",
                row -> new String[] {row.getString(1), Long.toString(row.getLong(2)), Integer.toString(row.getInt(3))},
                authId);
        if (account.isEmpty()) {
            PasswordHash.verify(DECOY, password);
            return refused(Outcome.NO_SUCH_ACCOUNT);
        }
        String[] fields = account.get();
        if (!PasswordHash.verify(fields[0], password)) {
            return refused(Outcome.WRONG_PASSWORD);
        }
        if (!fields[2].equals("1")) {
            return refused(Outcome.ACCOUNT_DISABLED);
        }
        if (new Expiry(Long.parseLong(fields[1])).isExpiredAt(clock.instant())) {
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
