package org.storemulti.queue;

import java.util.Optional;

/**
 * One line of {@code queue list}: where a message is, the size of its queue file and its
 * envelope, or why the envelope cannot be read.
 */
record QueueListing(QueueId id, QueueState state, long size, Optional<QueueEnvelope> envelope, String problem) {
}
