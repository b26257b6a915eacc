package org.storemulti.imap.net;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

import org.storemulti.imap.ConnectionGate;
import org.storemulti.imap.ImapListener;

/**
 * The listening side: binds every listener, accepts, and runs one selector thread
 * ({@code imap-io}) that hands readable connections to the workers ({@code imap-worker-N},
 * created on demand up to the configured number and gone after 30 s without work) and
 * closes connections idle longer than their protocol allows. TCP_NODELAY and keep-alive
 * are on for every TCP connection.
 */
public final class Server {

    private static final int READ_BUFFER = 16384;
    private static final long SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final List<ImapListener> listeners;
    private volatile Optional<SSLContext> tls;
    private final Duration writeTimeout;
    private final ConnectionGate gate;
    private final Function<Wire, Protocol> protocols;
    private final Consumer<String> log;
    private final ThreadPoolExecutor workers;
    private final ThreadLocal<ByteBuffer> readBuffers = ThreadLocal.withInitial(() -> ByteBuffer.allocate(READ_BUFFER));
    private final Set<Connection> connections = new HashSet<>();
    private final List<ServerSocketChannel> bound = new ArrayList<>();
    private Selector selector;
    private Thread loop;
    private volatile boolean running;
    private long acceptPausedUntil;

    /**
     * A server for {@code listeners}; {@code protocols} makes the protocol of each new
     * connection, {@code log} takes one line per event worth telling an operator.
     */
    public Server(List<ImapListener> listeners, Optional<SSLContext> tls, Duration writeTimeout, int workerThreads,
            ConnectionGate gate, Function<Wire, Protocol> protocols, Consumer<String> log) {
        this.listeners = List.copyOf(listeners);
        this.tls = tls;
        this.writeTimeout = writeTimeout;
        this.gate = gate;
        this.protocols = protocols;
        this.log = log;
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(workerThreads, workerThreads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(() -> {
                        try {
                            r.run();
                        } finally {
                            Socket.releaseWaiter();
                        }
                    }, "imap-worker-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        workers.allowCoreThreadTimeOut(true);
    }

    /** Binds every listener (replacing a stale UNIX socket file) and starts serving. */
    public void start() throws IOException {
        if (listeners.stream().anyMatch(ImapListener::implicitTls) && tls.isEmpty()) {
            throw new IllegalArgumentException("an implicit TLS listener needs a TLS key and certificate");
        }
        selector = Selector.open();
        try {
            for (ImapListener listener : listeners) {
                bound.add(bind(listener));
            }
        } catch (IOException e) {
            closeListeners();
            selector.close();
            throw e;
        }
        running = true;
        loop = new Thread(this::run, "imap-io");
        loop.setDaemon(true);
        loop.start();
    }

    private ServerSocketChannel bind(ImapListener listener) throws IOException {
        SocketAddress address = listener.address();
        ServerSocketChannel server;
        if (address instanceof UnixDomainSocketAddress unix) {
            Path path = unix.getPath();
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.deleteIfExists(path);
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        } else {
            server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        }
        try {
            server.bind(address, 1024);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT, listener);
            return server;
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    /** The listeners as bound (a TCP port 0 shows the port the kernel chose). */
    public List<SocketAddress> boundAddresses() throws IOException {
        List<SocketAddress> addresses = new ArrayList<>();
        for (ServerSocketChannel server : bound) {
            addresses.add(server.getLocalAddress());
        }
        return addresses;
    }

    /**
     * Connections accepted from now on use {@code context} for STARTTLS and implicit TLS
     * (renewed certificates); empty turns STARTTLS off, unless an implicit TLS listener
     * needs it, in which case the old context stays.
     */
    public void tls(Optional<SSLContext> context) {
        if (context.isPresent() || listeners.stream().noneMatch(ImapListener::implicitTls)) {
            tls = context;
        }
    }

    /** Connections open now. */
    public int connections() {
        synchronized (connections) {
            return connections.size();
        }
    }

    private void run() {
        long nextSweep = System.nanoTime() + SWEEP_NANOS;
        while (running) {
            try {
                selector.select(1000);
                for (SelectionKey key : selector.selectedKeys()) {
                    ready(key);
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    sweep(now);
                    nextSweep = now + SWEEP_NANOS;
                }
            } catch (ClosedSelectorException e) {
                return;
            } catch (IOException e) {
                log.accept("imap: the selector failed: " + e.getMessage());
            }
        }
    }

    private void ready(SelectionKey key) {
        try {
            if (key.isAcceptable()) {
                accept(key);
            } else if (key.isReadable()) {
                key.interestOps(0);
                ((Connection) key.attachment()).readable();
            }
        } catch (CancelledKeyException e) {
            // closed by a worker meanwhile
        }
    }

    private void accept(SelectionKey serverKey) {
        ServerSocketChannel server = (ServerSocketChannel) serverKey.channel();
        ImapListener listener = (ImapListener) serverKey.attachment();
        while (true) {
            SocketChannel channel;
            try {
                channel = server.accept();
                if (channel == null) {
                    return;
                }
                register(channel, listener);
            } catch (IOException e) {
                // out of descriptors, usually: stop accepting for a moment rather than spin
                log.accept("imap: accept on " + listener.address() + " failed: " + e.getMessage());
                serverKey.interestOps(0);
                acceptPausedUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
                return;
            }
        }
    }

    private void register(SocketChannel channel, ImapListener listener) throws IOException {
        InetAddress remote = null;
        String refusal = "not yet admitted";
        try {
            channel.configureBlocking(false);
            SocketAddress remoteAddress = channel.getRemoteAddress();
            if (remoteAddress instanceof InetSocketAddress inet) {
                remote = inet.getAddress();
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            }
            refusal = gate.admit(remote);
            SelectionKey key = channel.register(selector, 0);
            Connection connection = new Connection(this, new Socket(channel, writeTimeout), key, listener.implicitTls(),
                    remoteAddress, remote, refusal == null);
            key.attach(connection);
            connection.attach(protocols.apply(connection));
            synchronized (connections) {
                connections.add(connection);
            }
            if (refusal == null) {
                connection.start();
            } else {
                log.accept("imap: refused " + remoteAddress + ": " + refusal);
                connection.refuse(refusal);
            }
        } catch (IOException e) {
            if (refusal == null) {
                gate.release(remote);
            }
            channel.close();
            throw e;
        }
    }

    private void sweep(long now) {
        if (acceptPausedUntil != 0 && now - acceptPausedUntil >= 0) {
            acceptPausedUntil = 0;
            for (SelectionKey key : selector.keys()) {
                if (key.isValid() && key.channel() instanceof ServerSocketChannel) {
                    key.interestOps(SelectionKey.OP_ACCEPT);
                }
            }
        }
        List<Connection> idle = new ArrayList<>();
        synchronized (connections) {
            for (Connection c : connections) {
                if (c.idleSince(now)) {
                    idle.add(c);
                }
            }
        }
        idle.forEach(Connection::expire);
    }

    // ---- for connections ----

    ThreadPoolExecutor workers() {
        return workers;
    }

    ByteBuffer readBuffer() {
        return readBuffers.get();
    }

    boolean tlsConfigured() {
        return tls.isPresent();
    }

    Transport tls(Socket socket) throws SSLException {
        SSLEngine engine = tls.orElseThrow(() -> new SSLException("TLS is not configured")).createSSLEngine();
        engine.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        return new TlsTransport(socket, engine);
    }

    void closed(Connection connection) {
        if (connection.admitted()) {
            gate.release(connection.remote()); // first: a connection no longer listed holds no slot
        }
        synchronized (connections) {
            connections.remove(connection);
            connections.notifyAll();
        }
    }

    void log(String line) {
        log.accept(line);
    }

    void bug(Connection connection, Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        log.accept(connection + ": internal error, connection closed: " + trace);
    }

    // ---- stopping ----

    /**
     * Stops accepting, says goodbye to every connection as soon as its current command is
     * done, waits up to {@code grace} for that, then closes what is left and stops the threads.
     */
    public void stop(Duration grace) {
        closeListeners();
        List<Connection> open;
        synchronized (connections) {
            open = new ArrayList<>(connections);
        }
        open.forEach(Connection::shutdown);
        if (!awaitNoConnections(grace)) {
            synchronized (connections) {
                open = new ArrayList<>(connections);
            }
            log.accept("imap: closing " + open.size() + " connections still busy after " + grace.toMillis() + " ms");
            open.forEach(Connection::forceClose);
            awaitNoConnections(Duration.ofSeconds(2));
        }
        running = false;
        if (selector != null) {
            selector.wakeup();
        }
        try {
            if (loop != null) {
                loop.join(2000);
            }
            if (selector != null) {
                selector.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.accept("imap: closing the selector failed: " + e.getMessage());
        }
        workers.shutdown();
    }

    private boolean awaitNoConnections(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (connections) {
            while (!connections.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(connections, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private void closeListeners() {
        for (ServerSocketChannel server : bound) {
            try {
                SocketAddress address = server.getLocalAddress();
                server.close();
                if (address instanceof UnixDomainSocketAddress unix) {
                    Files.deleteIfExists(unix.getPath());
                }
            } catch (IOException e) {
                log.accept("imap: closing a listener failed: " + e.getMessage());
            }
        }
        bound.clear();
    }
}
