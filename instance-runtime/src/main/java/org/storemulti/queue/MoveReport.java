package org.storemulti.queue;

import java.util.List;

/** What {@code queue move} did: the messages moved and, one line each, those it left and why. */
public record MoveReport(List<QueueId> moved, List<String> skipped) {

    public MoveReport {
        moved = List.copyOf(moved);
        skipped = List.copyOf(skipped);
    }
}
