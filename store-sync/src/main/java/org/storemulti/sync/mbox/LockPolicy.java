package org.storemulti.sync.mbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How long to wait for the mail system's locks, when a dotlock counts as stale, and how long
 * we may hold them.
 *
 * <p>The defaults follow Debian's writers: Postfix local(8) retries a busy lock 20 times a
 * second apart ({@code deliver_lock_attempts}, {@code deliver_lock_delay}) and then defers
 * the delivery, so we never hold the locks longer than half that ({@code maxHold} 10 s) and
 * wait as long as Postfix does ({@code maxWait} 20 s). A dotlock older than liblockfile's
 * five minutes is stale; one naming a process that no longer exists is stale at once, as
 * {@code dotlockfile -p} decides.
 *
 * @param maxWait how long to retry a lock that someone else holds before giving up
 * @param firstRetry the first pause between attempts; pauses double up to one second
 * @param staleAfter age after which a dotlock is broken even if its process may still exist
 * @param maxHold the longest we keep the locks while copying; longer copies give up
 * @param clock the wall clock lock files' ages are measured by (waits and holds use the monotonic timer)
 * @param notices told about anything an operator should know (a stale lock broken)
 */
public record LockPolicy(Duration maxWait, Duration firstRetry, Duration staleAfter, Duration maxHold, Clock clock,
        Consumer<String> notices) {

    private static final System.Logger LOG = System.getLogger(LockPolicy.class.getName());

    public LockPolicy {
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(firstRetry, "firstRetry");
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(maxHold, "maxHold");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(notices, "notices");
        if (maxWait.isNegative() || firstRetry.isNegative() || firstRetry.isZero() || staleAfter.isNegative()
                || maxHold.isNegative() || maxHold.isZero()) {
            throw new IllegalArgumentException("lock policy: durations must be positive: " + maxWait + ", "
                    + firstRetry + ", " + staleAfter + ", " + maxHold);
        }
    }

    /** Debian's figures (see the class comment), the system clock, notices to the log. */
    public static LockPolicy defaults() {
        return new LockPolicy(Duration.ofSeconds(20), Duration.ofMillis(20), Duration.ofMinutes(5),
                Duration.ofSeconds(10), Clock.systemUTC(), notice -> LOG.log(System.Logger.Level.WARNING, notice));
    }

    public LockPolicy withMaxWait(Duration newWait) {
        return new LockPolicy(newWait, firstRetry, staleAfter, maxHold, clock, notices);
    }

    public LockPolicy withStaleAfter(Duration newStaleAfter) {
        return new LockPolicy(maxWait, firstRetry, newStaleAfter, maxHold, clock, notices);
    }

    public LockPolicy withMaxHold(Duration newMaxHold) {
        return new LockPolicy(maxWait, firstRetry, staleAfter, newMaxHold, clock, notices);
    }

    public LockPolicy withNotices(Consumer<String> newNotices) {
        return new LockPolicy(maxWait, firstRetry, staleAfter, maxHold, clock, newNotices);
    }
}
