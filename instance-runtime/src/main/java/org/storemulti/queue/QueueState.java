package org.storemulti.queue;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Where a message is in its life, one directory under {@code queue_directory} each. */
public enum QueueState {
    /** Injected locally, not yet checked by pickup. */
    MAILDROP,
    /** Checked; waiting for the queue manager. */
    INCOMING,
    /** The queue manager is delivering it. */
    ACTIVE,
    /** A delivery attempt failed temporarily; retried when due. */
    DEFERRED,
    /** Put aside by an administrator; never delivered until released. */
    HOLD,
    /** Unparseable, damaged or given up; kept for an administrator, never delivered. */
    CORRUPT;

    /** The states that hold mail still to be delivered (everything but {@link #CORRUPT}). */
    public static final List<QueueState> LIVE = List.of(MAILDROP, INCOMING, ACTIVE, DEFERRED, HOLD);

    /** The directory name, e.g. {@code deferred}. */
    public String directoryName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state whose directory is called {@code name}. */
    public static Optional<QueueState> ofDirectoryName(String name) {
        for (QueueState s : values()) {
            if (s.directoryName().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
