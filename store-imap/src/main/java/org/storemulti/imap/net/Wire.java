package org.storemulti.imap.net;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * What a {@link Protocol} gets from its connection: bytes out (each call writes all it is
 * given before it returns, waiting up to the write timeout for a slow reader), TLS,
 * closing, and running a task in the connection's order (how another thread, such as the
 * store's change feed, reaches a session).
 */
public interface Wire {

    /** Writes all of {@code bytes}. */
    void write(ByteBuffer bytes) throws IOException;

    /** Writes {@code count} octets of {@code file} from {@code position}, without reading them into the heap when it can. */
    void transfer(FileChannel file, long position, long count) throws IOException;

    /** Whether {@link #startTls()} would work: TLS is configured and not yet in use. */
    boolean tlsAvailable();

    /** Switches both directions to TLS; the next octets read are the client's handshake. */
    void startTls() throws IOException;

    /** Whether the connection is encrypted. */
    boolean secure();

    /** Whether the client is on this host: a loopback address or a UNIX socket. */
    boolean local();

    /** The client's address (an unnamed UNIX socket address for UNIX sockets). */
    SocketAddress remoteAddress();

    /** Runs {@code task} on a worker, after anything already running or queued for this connection. */
    void execute(Runnable task);

    /**
     * Reads again after {@link Protocol#paused()} said no: input that waited meanwhile is
     * handed over. Only a wire that reads on its own (a connection) can pause.
     */
    default void resume() {
        throw new UnsupportedOperationException("this wire does not pause its input");
    }

    /** Closes the connection (idempotent); {@link Protocol#closed()} follows. */
    void close();
}
