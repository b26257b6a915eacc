package org.storemulti.imap.net;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * TLS over a non-blocking socket with the JDK's {@link SSLEngine}, server side. Reads
 * never wait: the handshake advances as the client's octets arrive, and {@link #read}
 * returns 0 until there is application data. Writes (and the handshake's own records)
 * wait for the client like every write. Buffers exist only while they hold something, so
 * an idle TLS connection keeps just the engine's session state.
 */
final class TlsTransport implements Transport {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final int CHUNK = 16384;

    private final Socket socket;
    private final SSLEngine engine;
    private ByteBuffer netIn;   // write mode: octets from the socket not yet unwrapped
    private ByteBuffer appIn;   // write mode: plaintext not yet handed out
    private boolean ready;
    private boolean closed;

    TlsTransport(Socket socket, SSLEngine engine) throws SSLException {
        this.socket = socket;
        this.engine = engine;
        engine.setUseClientMode(false);
        engine.beginHandshake();
    }

    @Override
    public int read(ByteBuffer into) throws IOException {
        while (true) {
            if (appIn != null && appIn.position() > 0) {
                return handOut(into);
            }
            if (closed) {
                return -1;
            }
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> {
                    runTasks();
                    continue;
                }
                case NEED_WRAP -> {
                    wrap(EMPTY);
                    continue;
                }
                default -> {
                    // unwrap below
                }
            }
            if (netIn == null || netIn.position() == 0) {
                int n = fill();
                if (n <= 0) {
                    release();
                    return n;
                }
            }
            netIn.flip();
            SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, appIn());
            } finally {
                netIn.compact();
            }
            noteHandshake(result);
            switch (result.getStatus()) {
                case OK -> {
                    if (result.bytesConsumed() == 0 && result.bytesProduced() == 0 && fill() <= 0) {
                        return 0;
                    }
                }
                case BUFFER_UNDERFLOW -> {
                    int n = fill();
                    if (n <= 0) {
                        return n;
                    }
                }
                case BUFFER_OVERFLOW -> appIn = grown(appIn, engine.getSession().getApplicationBufferSize());
                case CLOSED -> {
                    closed = true;
                    shutdown();
                }
            }
        }
    }

    private int handOut(ByteBuffer into) {
        appIn.flip();
        int n = Math.min(appIn.remaining(), into.remaining());
        ByteBuffer slice = appIn.slice();
        slice.limit(n);
        into.put(slice);
        appIn.position(appIn.position() + n);
        appIn.compact();
        return n;
    }

    /** Reads from the socket into netIn, growing it to a whole TLS record when full. */
    private int fill() throws IOException {
        int packet = engine.getSession().getPacketBufferSize();
        if (netIn == null) {
            netIn = ByteBuffer.allocate(packet);
        } else if (!netIn.hasRemaining()) {
            netIn = grown(netIn, netIn.capacity() + packet);
        }
        return socket.read(netIn);
    }

    private ByteBuffer appIn() {
        if (appIn == null) {
            appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        }
        return appIn;
    }

    private static ByteBuffer grown(ByteBuffer buffer, int capacity) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(capacity, buffer == null ? 0 : buffer.position() * 2));
        if (buffer != null) {
            buffer.flip();
            bigger.put(buffer);
        }
        return bigger;
    }

    /** Drops buffers that hold nothing. */
    private void release() {
        if (netIn != null && netIn.position() == 0) {
            netIn = null;
        }
        if (appIn != null && appIn.position() == 0) {
            appIn = null;
        }
    }

    private void noteHandshake(SSLEngineResult result) {
        if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED) {
            ready = true;
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** Wraps all of {@code src} (or one handshake flight for an empty one) and writes the records. */
    private void wrap(ByteBuffer src) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        do {
            out.clear();
            SSLEngineResult result = engine.wrap(src, out);
            noteHandshake(result);
            switch (result.getStatus()) {
                case BUFFER_OVERFLOW -> {
                    out = ByteBuffer.allocate(out.capacity() * 2);
                    continue;
                }
                case CLOSED -> {
                    if (result.bytesProduced() == 0) {
                        throw new EOFException("the TLS session is closed");
                    }
                }
                default -> {
                    // OK: write what was produced
                }
            }
            out.flip();
            socket.writeFully(out);
            if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runTasks();
            }
        } while (src.hasRemaining());
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public void write(ByteBuffer bytes) throws IOException {
        if (!ready) {
            throw new SSLException("nothing can be written before the TLS handshake is done");
        }
        wrap(bytes);
    }

    @Override
    public void transfer(FileChannel file, long position, long count) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(1, count)));
        long done = 0;
        while (done < count) {
            chunk.clear();
            chunk.limit((int) Math.min(chunk.capacity(), count - done));
            int n = file.read(chunk, position + done);
            if (n < 0) {
                throw new EOFException("the file ends at " + (position + done) + ", before " + (position + count));
            }
            chunk.flip();
            write(chunk);
            done += n;
        }
    }

    @Override
    public void shutdown() {
        engine.closeOutbound();
        try {
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(EMPTY, out);
            out.flip();
            socket.channel().write(out); // one try: a client that does not read gets no close_notify
        } catch (IOException e) {
            // the connection is going away; close_notify is a courtesy
        }
    }
}
