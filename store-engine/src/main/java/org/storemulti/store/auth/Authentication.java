package org.storemulti.store.auth;

/**
 * The outcome of a login: accepted as {@code userId}, or why not. Callers must not tell
 * the client which reason applied.
 */
public record Authentication(Outcome outcome, String userId) {

    /** Why a login was accepted or refused. */
    public enum Outcome { ACCEPTED, NO_SUCH_ACCOUNT, ACCOUNT_DISABLED, PASSWORD_EXPIRED, WRONG_PASSWORD,
        NO_SUCH_DOMAIN, DOMAIN_DISABLED }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }
}
