package org.storemulti.store.tools;

/** {@code PRAGMA wal_checkpoint(TRUNCATE)}'s answer: busy flag, WAL frames, frames checkpointed. */
public record CheckpointResult(boolean busy, long walFrames, long checkpointedFrames) {
}
