package org.storemulti.store.tools;

/**
 * How far a long operation has come, for a progress line: {@code done} of {@code total}
 * {@code units} ({@code "files"}, {@code "messages"}). Called from the working thread, often
 * (an implementation that draws decides how often it redraws); a new {@code units} starts a
 * new phase. The database tools, the queue mover and, later, sync report through it.
 */
@FunctionalInterface
public interface WorkProgress {

    /** Reports nothing. */
    WorkProgress NONE = (units, done, total) -> { };

    void advanced(String units, long done, long total);
}
