package org.storemulti.lmtp;

/**
 * The heap that message bodies in flight may use, shared by every session of one server.
 * A session reserves what its growing body holds and gives it back when the transaction
 * ends; a reservation that does not fit is refused at once (the session then answers
 * {@code 452 4.3.1}, and the client retries later), so many large messages at once cannot
 * run the daemon out of memory. Never waits: waiting sessions holding part of the budget
 * could block each other for good.
 */
final class MessageMemory {

    private final long total;
    private long used;

    MessageMemory(long total) {
        this.total = total;
    }

    /** Half the heap this JVM may grow to. */
    static MessageMemory ofHeap() {
        return new MessageMemory(Runtime.getRuntime().maxMemory() / 2);
    }

    long total() {
        return total;
    }

    /** Takes {@code bytes} if they fit; false (taking nothing) if not. */
    synchronized boolean tryReserve(long bytes) {
        if (bytes > total - used) {
            return false;
        }
        used += bytes;
        return true;
    }

    synchronized void release(long bytes) {
        used = Math.max(0, used - bytes);
    }
}
