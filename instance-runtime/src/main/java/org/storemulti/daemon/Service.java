package org.storemulti.daemon;

import org.storemulti.config.InstanceConfig;

/**
 * One supervised part of the daemon (control socket, LMTP, queue manager, checkpointer).
 * The {@link Supervisor} creates an instance from its {@link ServiceTable} row, calls
 * {@link #start}, and after a failure stops it and starts a fresh instance with back-off.
 *
 * <p>A service that fails later, on a thread of its own, reports it with
 * {@link ServiceContext#failed(Throwable)}.
 */
interface Service {

    /**
     * Whether the configuration asks for this service at all; one that does not is shown
     * as {@code off} and neither started nor reloaded (a change takes a restart).
     */
    default boolean wanted() {
        return true;
    }

    /** Starts serving; returns once ready. Throwing means the start failed. */
    void start() throws Exception;

    /**
     * Stops serving: {@link StopMode#GRACEFUL} finishes in-flight work within
     * {@code daemon_stop_timeout}, {@link StopMode#QUICK} drops it. Called at most once,
     * also after a failed start.
     */
    void stop(StopMode mode) throws Exception;

    /**
     * Applies a re-read main.cf (the daemon has already checked it). Parameters that only
     * take effect at start are listed by {@link ReloadReport#RESTART_PARAMETERS}.
     */
    default void reload(InstanceConfig config) throws Exception {
    }

    /** Retries deferred work now; {@code false} when this service has none (only the queue manager does). */
    default boolean flush() {
        return false;
    }
}
