package org.storemulti.queue;

import java.util.List;

/**
 * What {@code queue move} did: the messages moved, those of them that went into the
 * destination's hold and why, and, one line each, those it left and why.
 */
record MoveReport(List<QueueId> moved, List<Held> held, List<String> skipped) {

    /** A moved message put on hold in the destination because it would refuse {@code reason}. */
    public record Held(QueueId id, String reason) {
    }

    public MoveReport {
        moved = List.copyOf(moved);
        held = List.copyOf(held);
        skipped = List.copyOf(skipped);
    }
}
