package org.storemulti.imap.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import org.storemulti.imap.ConnectionGate;
import org.storemulti.imap.ImapBackend;
import org.storemulti.imap.ImapEvents;
import org.storemulti.imap.ImapListener;
import org.storemulti.imap.ImapServer;
import org.storemulti.imap.ImapSettings;
import org.storemulti.imap.LoginPolicy;
import org.storemulti.imap.StoreBackend;
import org.storemulti.store.Store;
import org.storemulti.store.name.LocalPartRule;

/**
 * A real IMAP server for tests: a real store in {@code directory} (domain example.com,
 * user joe, login joe@example.com / secret), listening on an ephemeral port of
 * {@code address} (plain, and implicit TLS too when the settings carry a TLS context).
 * Everything the server logs is kept; {@link #close()} stops both.
 */
public final class TestServer implements AutoCloseable {

    public static final String USER = "joe@example.com";
    public static final String PASSWORD = "secret";
    /**
     * The extensions CAPABILITY lists for the commands implemented now, between
     * {@code IMAP4rev1 LITERAL+} and the connection's own (STARTTLS, AUTH=, LOGINDISABLED):
     * the one line to change when a handler adds an extension.
     */
    public static final String EXTENSIONS = "SASL-IR ID ENABLE IDLE NAMESPACE UNSELECT UIDPLUS MOVE MULTIAPPEND"
            + " CHILDREN LIST-EXTENDED LIST-STATUS SPECIAL-USE CREATE-SPECIAL-USE ESEARCH SEARCHRES WITHIN CONDSTORE"
            + " QRESYNC BINARY QUOTA QUOTA=RES-STORAGE ACL QUOTASET STATUS=SIZE";

    private final Store store;
    private final ImapServer server;
    private final ImapSettings settings;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<InetSocketAddress> bound = new ArrayList<>();

    private TestServer(Path directory, InetAddress address, UnaryOperator<ImapSettings> tune, ConnectionGate gate)
            throws IOException {
        this(directory, address, tune, gate, LoginPolicy.defaults(), ImapEvents.NONE);
    }

    private TestServer(Path directory, InetAddress address, UnaryOperator<ImapSettings> tune, ConnectionGate gate,
            LoginPolicy logins, ImapEvents events) throws IOException {
        this(directory, address, tune, gate, logins, events, backend -> backend);
    }

    private TestServer(Path directory, InetAddress address, UnaryOperator<ImapSettings> tune, ConnectionGate gate,
            LoginPolicy logins, ImapEvents events, UnaryOperator<ImapBackend> wrap) throws IOException {
        store = Store.open(directory.resolve("data"));
        store.domains().add("example.com");
        store.mailboxes().addUser("example.com", "joe");
        store.authAccounts().add(USER, PASSWORD);
        Path spool = Files.createDirectories(directory.resolve("spool"));
        settings = tune.apply(ImapSettings.defaults("0.1-test", spool).withWorkers(8));
        List<ImapListener> listeners = new ArrayList<>(List.of(ImapListener.plain(new InetSocketAddress(address, 0))));
        if (settings.tls().isPresent()) {
            listeners.add(ImapListener.tls(new InetSocketAddress(address, 0)));
        }
        server = new ImapServer(listeners, settings, logins,
                wrap.apply(new StoreBackend(store, "example.com", LocalPartRule.NO_DETAILS, log::add)), gate, events,
                log::add);
        server.start();
        for (var a : server.boundAddresses()) {
            bound.add((InetSocketAddress) a);
        }
    }

    /** A server on 127.0.0.1 with default settings. */
    public static TestServer start(Path directory) throws IOException {
        return start(directory, s -> s);
    }

    public static TestServer start(Path directory, UnaryOperator<ImapSettings> tune) throws IOException {
        return start(directory, InetAddress.getLoopbackAddress(), tune, ConnectionGate.open());
    }

    public static TestServer start(Path directory, InetAddress address, UnaryOperator<ImapSettings> tune,
            ConnectionGate gate) throws IOException {
        return new TestServer(directory, address, tune, gate);
    }

    /** A server whose logins follow {@code logins} and whose session events go to {@code events}. */
    public static TestServer start(Path directory, InetAddress address, UnaryOperator<ImapSettings> tune,
            ConnectionGate gate, LoginPolicy logins, ImapEvents events) throws IOException {
        return new TestServer(directory, address, tune, gate, logins, events);
    }

    /** A server whose commands reach the store through {@code wrap} applied to the real backend (to inject failures). */
    public static TestServer withBackend(Path directory, UnaryOperator<ImapBackend> wrap) throws IOException {
        return new TestServer(directory, InetAddress.getLoopbackAddress(), s -> s, ConnectionGate.open(),
                LoginPolicy.defaults(), ImapEvents.NONE, wrap);
    }

    /** The plain listener. */
    public InetSocketAddress address() {
        return bound.get(0);
    }

    /** The implicit TLS listener. */
    public InetSocketAddress tlsAddress() {
        return bound.get(1);
    }

    public ImapSettings settings() {
        return settings;
    }

    public ImapServer server() {
        return server;
    }

    /** The store the server serves (to deliver, or to look at what a command did). */
    public Store store() {
        return store;
    }

    /** What the server logged so far. */
    public List<String> log() {
        return List.copyOf(log);
    }

    /** A new client connected to the plain listener. */
    public ImapClient connect() {
        try {
            return ImapClient.connect(address());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes; whether it held. */
    public static boolean within(Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5); // polling a deadline, not synchronizing on a guess
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            server.stop(Duration.ofSeconds(5));
        } finally {
            store.close();
        }
    }
}
