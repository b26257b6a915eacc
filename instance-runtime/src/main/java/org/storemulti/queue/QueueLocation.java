package org.storemulti.queue;

import java.nio.file.Path;

/** Where one message's file is: its state and its path. */
record QueueLocation(QueueId id, QueueState state, Path path) {
}
