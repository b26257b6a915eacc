package org.storemulti.lmtp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Listens on every configured endpoint and runs one {@link LmtpSession} per connection,
 * at most {@link LmtpLimits#sessionLimit()} at a time (a client over the limit gets
 * {@code 421} and is closed). Message bodies in flight share half the heap
 * ({@link MessageMemory}): a message that does not fit gets {@code 452 4.3.1}. Sessions idle longer than the limit are told {@code 421}
 * and closed. {@link #close} stops accepting, waits a bounded time for sessions in
 * progress, then closes the rest.
 */
public final class LmtpServer implements AutoCloseable {

    private final List<Endpoint> endpoints;
    private final MailDrop drop;
    private final LmtpLimits limits;
    private final String hostname;
    private final Consumer<String> log;
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Semaphore slots;
    private final MessageMemory memory;
    private final ScheduledExecutorService idleWatch = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "lmtp-idle"));

    public LmtpServer(List<Endpoint> endpoints, MailDrop drop, LmtpLimits limits, String hostname, Consumer<String> log) {
        this(endpoints, drop, limits, hostname, log, MessageMemory.ofHeap());
    }

    /** With {@code memory} as the bound on message bodies in flight, instead of half the heap. */
    LmtpServer(List<Endpoint> endpoints, MailDrop drop, LmtpLimits limits, String hostname, Consumer<String> log,
            MessageMemory memory) {
        this.memory = memory;
        this.endpoints = List.copyOf(endpoints);
        this.drop = drop;
        this.limits = limits;
        this.hostname = hostname;
        this.log = log;
        this.slots = new Semaphore(limits.sessionLimit());
    }

    /** Binds every endpoint (replacing a stale UNIX socket file) and starts accepting. */
    public void start() throws IOException {
        for (Endpoint endpoint : endpoints) {
            ServerSocketChannel server = ServerSocketChannel.open(endpoint.family());
            if (endpoint.address() instanceof UnixDomainSocketAddress unix) {
                Path path = unix.getPath();
                Files.createDirectories(path.toAbsolutePath().getParent());
                Files.deleteIfExists(path);
            }
            server.bind(endpoint.address(), 128);
            listeners.add(server);
            Thread acceptor = new Thread(() -> accept(server, endpoint), "lmtp-accept " + endpoint);
            acceptor.setDaemon(true);
            acceptor.start();
        }
        long period = Math.max(1, Math.min(limits.idleTimeout().toMillis() / 4, 1000));
        idleWatch.scheduleAtFixedRate(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /** The endpoints as bound (an {@code inet:...:0} endpoint shows its real port). */
    public List<java.net.SocketAddress> boundAddresses() throws IOException {
        List<java.net.SocketAddress> bound = new ArrayList<>();
        for (ServerSocketChannel server : listeners) {
            bound.add(server.getLocalAddress());
        }
        return bound;
    }

    private void accept(ServerSocketChannel server, Endpoint endpoint) {
        while (server.isOpen()) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                log.accept("accept on " + endpoint + " failed: " + e.getMessage());
                continue;
            }
            if (!slots.tryAcquire()) {
                refuse(channel);
                continue;
            }
            Connection connection = new Connection(channel);
            connections.add(connection);
            Thread session = new Thread(() -> serve(connection), "lmtp-session");
            session.setDaemon(true);
            session.start();
        }
    }

    private void serve(Connection connection) {
        try (SocketChannel channel = connection.channel) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 8192);
            LineReader in = new LineReader(Channels.newInputStream(channel));
            new LmtpSession(in, out, drop, limits, hostname, connection, memory).run();
            out.flush();
        } catch (IOException e) {
            if (!connection.closedByServer) {
                log.accept("session ended: " + e.getMessage());
            }
        } finally {
            connections.remove(connection);
            slots.release();
        }
    }

    private static void refuse(SocketChannel channel) {
        try (channel) {
            channel.write(java.nio.ByteBuffer.wrap("421 4.3.2 Too many sessions, try again later\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            // the client is gone already; nothing to tell it
        }
    }

    private void closeIdle() {
        long now = System.nanoTime();
        long limit = limits.idleTimeout().toNanos();
        for (Connection c : connections) {
            if (now - c.lastActivity > limit) {
                c.closeWith("421 4.4.2 Timeout: closing connection\r\n");
            }
        }
    }

    private static final String SHUTTING_DOWN = "421 4.3.2 Service shutting down\r\n";

    /**
     * Stops accepting, closes sessions between transactions at once, waits up to
     * {@code grace} for transactions in progress (each session is closed as its
     * transaction ends), then closes the rest.
     */
    public void stop(Duration grace) {
        for (ServerSocketChannel server : listeners) {
            try {
                java.net.SocketAddress bound = server.getLocalAddress();
                server.close();
                if (bound instanceof UnixDomainSocketAddress unix) {
                    Files.deleteIfExists(unix.getPath());
                }
            } catch (IOException e) {
                log.accept("closing listener failed: " + e.getMessage());
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline) {
            // a session between transactions has nothing to finish: told and closed at once
            connections.stream().filter(c -> !c.inTransaction).forEach(c -> c.closeWith(SHUTTING_DOWN));
            if (connections.stream().noneMatch(c -> c.inTransaction)) {
                break;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        connections.forEach(c -> c.closeWith(SHUTTING_DOWN));
        idleWatch.shutdownNow();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** A client connection, when it last said something, and whether it is inside a transaction. */
    private static final class Connection implements LmtpSession.Watch {
        final SocketChannel channel;
        volatile long lastActivity = System.nanoTime();
        volatile boolean inTransaction;
        volatile boolean closedByServer;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public void activity() {
            lastActivity = System.nanoTime();
        }

        @Override
        public void transaction(boolean open) {
            inTransaction = open;
        }

        void closeWith(String reply) {
            closedByServer = true;
            try {
                channel.write(java.nio.ByteBuffer.wrap(reply.getBytes(StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                // closing anyway
            }
            try {
                channel.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
