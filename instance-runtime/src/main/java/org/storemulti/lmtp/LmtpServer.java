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
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.storemulti.log.DaemonLog;
import org.storemulti.log.MailLog;

/**
 * Listens on every configured endpoint and runs one {@link LmtpSession} per connection,
 * admitted by {@link Sessions} (session limits; the longest idle session is shed before a
 * new client is refused). Message bodies in flight share half the heap
 * ({@link MessageMemory}): a message that does not fit gets {@code 452 4.3.1}. A session
 * past its deadline (per line, and for the whole message text) is told {@code 421} and
 * closed. {@link #reconfigure} changes the limits, host name and mail drop for sessions
 * that start afterwards. {@link #close} stops accepting, waits a bounded time for sessions
 * in progress, then closes the rest.
 *
 * <p>Each session gets an ID for the log: its deliveries' lines ({@link MailLog}) and its
 * end when that is not a plain QUIT (a deadline, a lost client, a broken mail drop).
 */
public final class LmtpServer implements AutoCloseable {

    /** What a session starts with; replaced whole by {@link #reconfigure}. */
    private record Settings(LmtpLimits limits, String hostname, MailDrop drop) {
    }

    private final List<Endpoint> endpoints;
    private final DaemonLog log;
    private final MailLog mailLog;
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final Sessions sessions;
    private final MessageMemory memory;
    private final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "lmtp-watch"));
    private volatile Settings settings;
    private ScheduledFuture<?> watchTask;
    private Duration watchPeriod;

    public LmtpServer(List<Endpoint> endpoints, MailDrop drop, LmtpLimits limits, String hostname, DaemonLog log) {
        this(endpoints, drop, limits, hostname, log, MessageMemory.ofHeap());
    }

    /** With {@code memory} as the bound on message bodies in flight, instead of half the heap. */
    LmtpServer(List<Endpoint> endpoints, MailDrop drop, LmtpLimits limits, String hostname, DaemonLog log,
            MessageMemory memory) {
        this.memory = memory;
        this.endpoints = List.copyOf(endpoints);
        this.log = log;
        this.mailLog = new MailLog(log);
        this.sessions = new Sessions(log::warning);
        this.settings = new Settings(limits, hostname, drop);
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
        scheduleWatch(settings.limits());
    }

    /**
     * New limits, host name and mail drop for the sessions that start from now on (a reload);
     * sessions in progress keep what they started with.
     */
    public void reconfigure(LmtpLimits limits, String hostname, MailDrop drop) {
        settings = new Settings(limits, hostname, drop);
        scheduleWatch(limits);
    }

    /** Looks for sessions out of time often enough for the shortest deadline any session may have. */
    private synchronized void scheduleWatch(LmtpLimits limits) {
        Duration period = limits.watchPeriod();
        if (watchTask != null && period.compareTo(watchPeriod) >= 0) {
            return;
        }
        if (watchTask != null) {
            watchTask.cancel(false);
        }
        watchPeriod = period;
        watchTask = watch.scheduleAtFixedRate(sessions::expire, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The endpoints as bound (an {@code inet:...:0} endpoint shows its real port). */
    public List<java.net.SocketAddress> boundAddresses() throws IOException {
        List<java.net.SocketAddress> bound = new ArrayList<>();
        for (ServerSocketChannel server : listeners) {
            bound.add(server.getLocalAddress());
        }
        return bound;
    }

    /** How many sessions are live now (admitted and not yet ended). */
    int sessionCount() {
        return sessions.snapshot().size();
    }

    private void accept(ServerSocketChannel server, Endpoint endpoint) {
        while (server.isOpen()) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                log.warning("accept on " + endpoint + " failed: " + e.getMessage());
                continue;
            }
            Settings current = settings;
            Connection connection = new Connection(channel, current.limits(), sessionId());
            Optional<String> refusal = sessions.admit(connection);
            if (refusal.isPresent()) {
                refuse(channel, refusal.get());
                continue;
            }
            Thread session = new Thread(() -> serve(connection, current), "lmtp-session");
            session.setDaemon(true);
            session.start();
        }
    }

    /** Twelve hex digits, random: IDs of different daemons and restarts do not repeat in one log. */
    private static String sessionId() {
        long bits = ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFF_FFFFL;
        return Long.toHexString(bits | 0x1_0000_0000_0000L).substring(1).toUpperCase(Locale.ROOT);
    }

    private void serve(Connection connection, Settings current) {
        try (SocketChannel channel = connection.channel) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 8192);
            LineReader in = new LineReader(Channels.newInputStream(channel));
            new LmtpSession(connection.id, in, out, current.drop(), current.limits(), current.hostname(), connection,
                    memory, mailLog).run();
            out.flush();
        } catch (IOException e) {
            if (!connection.closedByServer()) {
                log.info(connection.id + ": session ended: " + DaemonLog.describe(e));
            }
        } catch (RuntimeException e) {
            // a broken mail drop: the session ends without a reply, so the client retries
            log.error(connection.id + ": session failed, closed without a reply: " + DaemonLog.describe(e));
        } finally {
            sessions.release(connection);
        }
    }

    private static void refuse(SocketChannel channel, String reply) {
        try (channel) {
            channel.write(java.nio.ByteBuffer.wrap((reply + "\r\n").getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            // the client is gone already; nothing to tell it
        }
    }

    private static final String SHUTTING_DOWN = "421 4.3.2 Service shutting down";

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
                log.warning("closing listener failed: " + e.getMessage());
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline) {
            // a session between transactions has nothing to finish: told and closed at once
            sessions.snapshot().stream().filter(c -> !c.inTransaction()).forEach(c -> c.closeWith(SHUTTING_DOWN));
            if (sessions.snapshot().stream().noneMatch(Connection::inTransaction)) {
                break;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Connection c : sessions.snapshot()) {
            if (c.inTransaction()) {
                log.warning(c.id + ": " + SHUTTING_DOWN + " in a mail transaction: the daemon is stopping");
            }
            c.closeWith(SHUTTING_DOWN);
        }
        watch.shutdownNow();
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
}
