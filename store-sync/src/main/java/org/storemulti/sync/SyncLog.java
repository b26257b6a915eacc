package org.storemulti.sync;

/**
 * Where a sync says what it does, one line at a time, from any worker thread: the runtime prints
 * {@link Level#ERROR} and {@link Level#WARNING} lines on standard error always, the others with
 * {@code -v} ({@link Level#VERBOSE}: per mailbox) and {@code -D} ({@link Level#DEBUG}: per step).
 */
@FunctionalInterface
public interface SyncLog {

    /** How much a line matters. */
    enum Level { ERROR, WARNING, VERBOSE, DEBUG }

    /** Drops every line. */
    SyncLog NONE = (level, line) -> { };

    void line(Level level, String line);
}
