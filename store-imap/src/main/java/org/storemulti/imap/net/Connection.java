package org.storemulti.imap.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLException;

/**
 * One client connection: its socket, transport (plain or TLS), protocol and task order.
 * The selector thread only tells it "readable" and "idle too long"; everything else runs
 * as a task on a worker, one at a time ({@link SerialExecutor}), reading until the socket
 * has nothing more and then asking the selector to watch it again.
 */
final class Connection implements Wire {

    /** A step that may fail with I/O (which ends the connection). */
    private interface Step {
        void run() throws IOException;
    }

    private final Server server;
    private final Socket socket;
    private final SelectionKey key;
    private final boolean implicitTls;
    private final InetAddress remote;
    private final SocketAddress remoteAddress;
    private final SerialExecutor serial;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final boolean admitted;
    private Protocol protocol;
    private Transport transport;
    private boolean opened;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean expiring;

    Connection(Server server, Socket socket, SelectionKey key, boolean implicitTls, SocketAddress remoteAddress,
            InetAddress remote, boolean admitted) {
        this.server = server;
        this.socket = socket;
        this.key = key;
        this.implicitTls = implicitTls;
        this.remoteAddress = remoteAddress;
        this.remote = remote;
        this.admitted = admitted;
        this.serial = new SerialExecutor(server.workers());
    }

    void attach(Protocol protocol) {
        this.protocol = protocol;
    }

    InetAddress remote() {
        return remote;
    }

    boolean admitted() {
        return admitted;
    }

    /** After accept: greets (or waits for the TLS handshake to greet), then watches for input. */
    void start() {
        run(() -> {
            transport = implicitTls ? server.tls(socket) : new PlainTransport(socket);
            if (transport.ready()) {
                opened = true;
                protocol.opened();
            }
            armRead();
        });
    }

    /** The gate said no: tells the client why (in plain text only) and closes. */
    void refuse(String reason) {
        run(() -> {
            transport = new PlainTransport(socket);
            if (!implicitTls) {
                protocol.refused(reason);
            }
            close();
        });
    }

    /** Selector thread: input is waiting (the key's read interest is already off). */
    void readable() {
        run(this::read);
    }

    private void read() throws IOException {
        ByteBuffer buffer = server.readBuffer();
        while (!closed.get() && !protocol.paused()) {
            buffer.clear();
            int n = transport.read(buffer);
            if (!opened && transport.ready()) {
                opened = true;
                protocol.opened();
            }
            if (n < 0) {
                close();
                return;
            }
            if (n == 0) {
                break;
            }
            lastActivity = System.nanoTime();
            buffer.flip();
            protocol.received(buffer);
            if (buffer.hasRemaining()) {
                throw new IllegalStateException("the protocol left " + buffer.remaining() + " octets unread");
            }
        }
        lastActivity = System.nanoTime();
        armRead();
    }

    private void armRead() {
        if (closed.get() || protocol.paused()) {
            return;
        }
        try {
            key.interestOps(SelectionKey.OP_READ);
            key.selector().wakeup();
        } catch (CancelledKeyException e) {
            // closed meanwhile by a forced shutdown
        }
    }

    /** Selector thread: whether the connection has had no input for longer than its protocol allows. */
    boolean idleSince(long now) {
        return !closed.get() && !expiring && !serial.busy() && now - lastActivity > protocol.idleTimeout().toNanos();
    }

    /**
     * Says goodbye and closes, unless input came meanwhile. A TLS client that never
     * finished its handshake is closed without a word (there is no way to say one).
     */
    void expire() {
        expiring = true;
        run(() -> {
            expiring = false;
            if (System.nanoTime() - lastActivity > protocol.idleTimeout().toNanos()) {
                if (opened) {
                    protocol.timedOut();
                }
                close();
            }
        });
    }

    /** The server is stopping: goodbye once whatever runs now is done. */
    void shutdown() {
        run(() -> {
            if (opened) {
                protocol.shuttingDown();
            }
            close();
        });
    }

    /** Closes the socket under a task that does not finish (a write to a client that reads nothing). */
    void forceClose() {
        try {
            socket.channel().close();
        } catch (IOException e) {
            // closed is what we wanted
        }
    }

    private void run(Step step) {
        serial.execute(() -> {
            if (closed.get()) {
                return;
            }
            try {
                step.run();
            } catch (SSLException e) {
                server.log(this + ": TLS failed: " + e.getMessage());
                close();
            } catch (IOException e) {
                server.log(this + ": " + e.getMessage());
                close();
            } catch (RuntimeException | Error e) {
                // a bug (or a StackOverflowError, an AssertionError): said loudly with its stack once,
                // the client told goodbye rather than left waiting, the other connections go on
                server.bug(this, e);
                failed();
            }
        });
    }

    private void failed() {
        try {
            if (opened) {
                protocol.failed();
            }
        } catch (IOException | RuntimeException | Error e) {
            server.log(this + ": no goodbye after the internal error: " + e);
        } finally {
            close();
        }
    }

    // ---- Wire ----

    @Override
    public void write(ByteBuffer bytes) throws IOException {
        transport.write(bytes);
    }

    @Override
    public void transfer(FileChannel file, long position, long count) throws IOException {
        transport.transfer(file, position, count);
    }

    @Override
    public boolean tlsAvailable() {
        return server.tlsConfigured() && !(transport instanceof TlsTransport);
    }

    @Override
    public void startTls() throws IOException {
        if (!tlsAvailable()) {
            throw new SSLException("TLS is not configured or already in use");
        }
        transport = server.tls(socket);
    }

    @Override
    public boolean secure() {
        return transport instanceof TlsTransport && transport.ready();
    }

    @Override
    public boolean local() {
        return remote == null || remote.isLoopbackAddress();
    }

    @Override
    public SocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public void execute(Runnable task) {
        run(task::run);
    }

    @Override
    public void resume() {
        run(this::read);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (transport != null) {
            transport.shutdown();
        }
        key.cancel();
        forceClose();
        server.closed(this);
        protocol.closed();
    }

    @Override
    public String toString() {
        return "imap " + remoteAddress;
    }
}
