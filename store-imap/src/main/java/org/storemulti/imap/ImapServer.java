package org.storemulti.imap;

import java.io.IOException;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.storemulti.imap.net.Server;
import org.storemulti.imap.session.Sessions;

/**
 * The IMAP service as the runtime mounts it: listeners, settings, a backend, a gate.
 *
 * <pre>
 * ImapServer server = new ImapServer(List.of(ImapListener.plain(new InetSocketAddress("127.0.0.1", 143))),
 *         ImapSettings.defaults(version, spoolDirectory), new StoreBackend(store, defaultDomain),
 *         ConnectionGate.perAddress(20), log);
 * server.start();
 * ...
 * server.stop(Duration.ofSeconds(10));
 * </pre>
 */
public final class ImapServer implements AutoCloseable {

    private final Server server;
    private final Sessions sessions;

    /** A server with the default {@link LoginPolicy} that tells no one of logins. */
    public ImapServer(List<ImapListener> listeners, ImapSettings settings, ImapBackend backend, ConnectionGate gate,
            Consumer<String> log) {
        this(listeners, settings, LoginPolicy.defaults(), backend, gate, ImapEvents.NONE, log);
    }

    /** A server whose logins follow {@code logins} and whose sessions are told to {@code events}. */
    public ImapServer(List<ImapListener> listeners, ImapSettings settings, LoginPolicy logins, ImapBackend backend,
            ConnectionGate gate, ImapEvents events, Consumer<String> log) {
        this.sessions = new Sessions(settings, logins, backend, events, log, Clock.systemUTC());
        this.server = new Server(listeners, settings.tls(), settings.writeTimeout(), settings.workers(), gate,
                sessions, log);
    }

    /** Binds every listener and starts serving; returns once listening. */
    public void start() throws IOException {
        server.start();
    }

    /** The listeners as bound (port 0 shows the port the kernel chose). */
    public List<SocketAddress> boundAddresses() throws IOException {
        return server.boundAddresses();
    }

    /** Connections open now. */
    public int connections() {
        return server.connections();
    }

    /** The logged-in sessions, oldest first. */
    public List<ImapSessionInfo> sessions() {
        return sessions.list();
    }

    /** Ends every session of {@code user} ({@code joe@example.com}) after its current command; how many. */
    public int kick(String user) {
        return sessions.kick(user);
    }

    /**
     * Connections that start from now on get {@code settings} (its TLS key and certificate
     * too) and {@code logins}; sessions already running keep what they started with. The
     * listeners, workers and input memory stay as they were started.
     */
    public void reconfigure(ImapSettings settings, LoginPolicy logins) {
        sessions.reconfigure(settings, logins);
        server.tls(settings.tls());
    }

    /**
     * Stops accepting, tells every client BYE once its current command is done, waits up
     * to {@code grace}, then closes the rest.
     */
    public void stop(Duration grace) {
        try {
            server.stop(grace);
        } finally {
            sessions.close();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }
}
