package org.storemulti.imap;

import java.time.Duration;

/**
 * How the server treats password logins, as typed values (the runtime derives them from
 * main.cf). A failed login makes the next attempt for the same login name, and from the
 * same client address, wait: {@code failureDelay} after the first failure, twice as long
 * after each further one, at most {@code maxFailureDelay}; a successful login or ten
 * minutes without a failure forgets them. Attempts that wait are checked one at a time
 * per name and address, so opening more connections does not guess faster. Clients on
 * this host (loopback, UNIX sockets: a webmail, a proxy) are throttled by name only, not
 * by their shared address. At most {@code throttleEntries} names and addresses are
 * remembered (the least recently failed are forgotten first), so a flood of guesses with
 * ever new names holds bounded memory.
 *
 * @param failureDelay       the wait after the first failure (zero: no throttling)
 * @param maxFailureDelay    the longest wait
 * @param throttleEntries    most names and addresses remembered together
 * @param maxSessionsPerUser most logged-in sessions of one user at once (0: no limit)
 */
public record LoginPolicy(Duration failureDelay, Duration maxFailureDelay, int throttleEntries,
        int maxSessionsPerUser) {

    /** Entries of the default throttle table: about 1 MiB when full. */
    public static final int DEFAULT_THROTTLE_ENTRIES = 10_000;

    public LoginPolicy {
        if (failureDelay.isNegative() || maxFailureDelay.compareTo(failureDelay) < 0 || throttleEntries < 1
                || maxSessionsPerUser < 0) {
            throw new IllegalArgumentException("login policy out of range: delay " + failureDelay + ", max "
                    + maxFailureDelay + ", entries " + throttleEntries + ", sessions per user " + maxSessionsPerUser);
        }
    }

    /** 2 s after a failure, doubling up to 15 s (Dovecot's auth_failure_delay and penalty cap), 20 sessions per user. */
    public static LoginPolicy defaults() {
        return new LoginPolicy(Duration.ofSeconds(2), Duration.ofSeconds(15), DEFAULT_THROTTLE_ENTRIES, 20);
    }

    /** No waits after failures and no per-user limit (tests that log in many times). */
    public static LoginPolicy unlimited() {
        return new LoginPolicy(Duration.ZERO, Duration.ZERO, DEFAULT_THROTTLE_ENTRIES, 0);
    }

    public LoginPolicy withFailureDelay(Duration first, Duration max) {
        return new LoginPolicy(first, max, throttleEntries, maxSessionsPerUser);
    }

    public LoginPolicy withMaxSessionsPerUser(int sessions) {
        return new LoginPolicy(failureDelay, maxFailureDelay, throttleEntries, sessions);
    }

    public LoginPolicy withThrottleEntries(int entries) {
        return new LoginPolicy(failureDelay, maxFailureDelay, entries, maxSessionsPerUser);
    }
}
