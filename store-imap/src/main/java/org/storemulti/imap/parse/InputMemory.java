package org.storemulti.imap.parse;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap all connections together may fill with input still arriving: command lines
 * past their first KiB and literals held in memory. One connection is bounded by the line
 * and literal limits; this bounds thousands of them (5,000 clients each half-way through
 * a 64 KiB line would otherwise need 320 MiB). When it is used up, a long line is refused
 * as too long and a literal is spooled to disk or refused, instead of the daemon running
 * out of heap. Created once per server and shared by its sessions.
 */
public final class InputMemory {

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    public InputMemory(long limit) {
        this.limit = limit;
    }

    /** A quarter of the heap the JVM may grow to. */
    public static InputMemory quarterOfHeap() {
        return new InputMemory(Runtime.getRuntime().maxMemory() / 4);
    }

    /** Takes {@code octets} if they are free; false (taking nothing) if not. */
    public boolean take(long octets) {
        while (true) {
            long now = used.get();
            if (now + octets > limit) {
                return false;
            }
            if (used.compareAndSet(now, now + octets)) {
                return true;
            }
        }
    }

    /** Gives back what {@link #take} took. */
    public void give(long octets) {
        used.addAndGet(-octets);
    }

    /** Octets taken now. */
    public long used() {
        return used.get();
    }
}
