package org.storemulti.daemon;

import java.time.Instant;

/** One service as the supervisor sees it: its state since when, restarts so far, the last failure. */
public record ServiceStatus(String name, State state, Instant since, int restarts, String lastFailure) {

    /** A supervised service's state; {@code OFF}: the configuration asks for none (empty {@code imap_listen}). */
    public enum State { STARTING, RUNNING, FAILED, STOPPED, OFF }
}
