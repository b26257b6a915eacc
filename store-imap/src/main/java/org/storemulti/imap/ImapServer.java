package org.storemulti.imap;

import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.storemulti.imap.net.Server;
import org.storemulti.imap.session.ImapSession;

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

    public ImapServer(List<ImapListener> listeners, ImapSettings settings, ImapBackend backend, ConnectionGate gate,
            Consumer<String> log) {
        this.server = new Server(listeners, settings.tls(), settings.writeTimeout(), settings.workers(), gate,
                ImapSession.factory(settings, backend, log), log);
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

    /**
     * Stops accepting, tells every client BYE once its current command is done, waits up
     * to {@code grace}, then closes the rest.
     */
    public void stop(Duration grace) {
        server.stop(grace);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }
}
