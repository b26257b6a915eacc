package org.storemulti.queue;

import java.util.Optional;

/**
 * One line of {@code queue list}: where a message is, the size of its queue file, the size of
 * the message its header records (-1 when unreadable) and its envelope, or why the envelope
 * cannot be read.
 */
record QueueListing(QueueId id, QueueState state, long size, long messageSize, Optional<QueueEnvelope> envelope,
        String problem) {
}
