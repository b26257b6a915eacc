package org.storemulti.imap.net;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A non-blocking socket channel written as if it were blocking: when the kernel's send
 * buffer is full, the writing worker waits on a selector of its own (one per worker
 * thread, closed when the thread ends) until the client reads, at most the write timeout.
 */
final class Socket {

    private static final ThreadLocal<Selector> WAITER = new ThreadLocal<>();

    private final SocketChannel channel;
    private final Duration writeTimeout;

    Socket(SocketChannel channel, Duration writeTimeout) {
        this.channel = channel;
        this.writeTimeout = writeTimeout;
    }

    SocketChannel channel() {
        return channel;
    }

    int read(ByteBuffer into) throws IOException {
        return channel.read(into);
    }

    void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            if (channel.write(bytes) == 0) {
                awaitWritable();
            }
        }
    }

    /** Waits until the channel takes more output, or fails after the write timeout. */
    void awaitWritable() throws IOException {
        Selector waiter = WAITER.get();
        if (waiter == null) {
            waiter = Selector.open();
            WAITER.set(waiter);
        }
        SelectionKey key = channel.register(waiter, SelectionKey.OP_WRITE);
        try {
            if (waiter.select(Math.max(1, writeTimeout.toMillis())) == 0) {
                throw new SocketTimeoutException("the client read nothing for " + writeTimeout.toMillis() + " ms");
            }
        } finally {
            key.cancel();
            waiter.selectNow(); // completes the cancellation, so the channel can register again
        }
    }

    /** Closes this thread's waiting selector; the worker thread factory calls it as a thread ends. */
    static void releaseWaiter() {
        Selector waiter = WAITER.get();
        if (waiter != null) {
            WAITER.remove();
            try {
                waiter.close();
            } catch (IOException e) {
                // the selector's descriptors are gone either way
            }
        }
    }
}
