package org.storemulti.queue;

import java.time.Duration;
import java.time.Instant;

import org.storemulti.config.InstanceConfig;

/**
 * When deferred mail is retried and when it is given up.
 *
 * <p>After the n-th temporary failure the next attempt waits
 * {@code min(queue_run_delay * 2^(n-1), maximal_backoff_time)}: with the defaults 300 s,
 * 600 s, 1200 s, 2400 s, then 4000 s each time. A message whose age reaches
 * {@code maximal_queue_lifetime} when an attempt fails temporarily is given up (see
 * {@link QueueManager}).
 */
record RetryPolicy(Duration queueRunDelay, Duration maximalBackoff, Duration maximalLifetime) {

    public RetryPolicy {
        if (queueRunDelay.isNegative() || queueRunDelay.isZero()) {
            throw new IllegalArgumentException("queue_run_delay must be positive, not " + queueRunDelay);
        }
    }

    /** The policy main.cf sets. */
    public static RetryPolicy from(InstanceConfig config) {
        return new RetryPolicy(config.time("queue_run_delay"), config.time("maximal_backoff_time"),
                config.time("maximal_queue_lifetime"));
    }

    /** How long to wait after the {@code attempts}-th failed attempt (1 for the first). */
    public Duration delayAfter(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 40));
        Duration delay = queueRunDelay;
        for (int i = 0; i < doublings && delay.compareTo(maximalBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maximalBackoff) > 0 ? maximalBackoff : delay;
    }

    /** Whether a message that arrived at {@code arrival} is too old to retry at {@code now}. */
    public boolean expired(Instant arrival, Instant now) {
        return !now.isBefore(arrival.plus(maximalLifetime));
    }
}
