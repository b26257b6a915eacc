package org.storemulti.imap.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The conversation on one connection, driven by the server. Every method runs on a
 * worker thread, never two at once for one connection, so an implementation needs no
 * locks. Throwing {@link IOException} ends the connection.
 */
public interface Protocol {

    /** The connection is ready (after the TLS handshake, for implicit TLS): greet. */
    void opened() throws IOException;

    /** The gate refused the connection: say why; the server closes it afterwards. */
    void refused(String reason) throws IOException;

    /**
     * Input arrived. Must consume all of {@code data} (what it cannot act on yet it keeps,
     * within its own bounds); it may write, start TLS or close.
     */
    void received(ByteBuffer data) throws IOException;

    /** How long the connection may now go without input before {@link #timedOut()}; read from any thread. */
    Duration idleTimeout();

    /** No input for {@link #idleTimeout()}: say goodbye; the server closes it afterwards. */
    void timedOut() throws IOException;

    /** The server is stopping: say goodbye; the server closes it afterwards. */
    void shuttingDown() throws IOException;

    /**
     * A task of this connection failed with an unexpected exception or error (a bug, already
     * logged with its stack): say goodbye, and answer the command that was running if there
     * was one; the server closes the connection afterwards.
     */
    void failed() throws IOException;

    /** The connection is closed, whoever closed it: release what is held (spool files). */
    void closed();

    /**
     * Whether the protocol takes no input now (a command goes on off the connection's
     * thread, such as a password check): the connection stops reading, so the kernel's
     * buffers push back on the client, until {@link Wire#resume()}. Read from the
     * connection's own tasks only.
     */
    default boolean paused() {
        return false;
    }
}
