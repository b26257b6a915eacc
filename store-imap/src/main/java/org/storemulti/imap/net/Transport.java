package org.storemulti.imap.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** How octets cross one connection: as they are, or through TLS. */
interface Transport {

    /**
     * Reads what is available into {@code into} without waiting: the count, 0 when nothing
     * more can be had until the socket is readable again, -1 at the end.
     */
    int read(ByteBuffer into) throws IOException;

    /** Whether application data may flow (the TLS handshake is done; always for plain). */
    boolean ready();

    /** Writes all of {@code bytes}, waiting for the client as needed. */
    void write(ByteBuffer bytes) throws IOException;

    /** Writes a file's byte range. */
    void transfer(FileChannel file, long position, long count) throws IOException;

    /** Ends the transport's own session (TLS close_notify) as far as it can without waiting. */
    void shutdown();
}
