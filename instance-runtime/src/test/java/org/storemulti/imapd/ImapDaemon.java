package org.storemulti.imapd;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.storemulti.control.StoreCtl;
import org.storemulti.store.Store;

/**
 * A throwaway instance with IMAP on, under a short {@code /tmp} directory, run by the real
 * daemon that {@code storectl start} launches as a JVM of its own. IMAP listens on
 * {@code inet:127.0.0.1:PORT} with a port that was free a moment ago (plus whatever the
 * test adds); the store has domain example.com and user joe with password
 * {@value #PASSWORD}. {@link #close} aborts the daemon if it still runs and deletes it all.
 */
final class ImapDaemon implements AutoCloseable {

    static final String USER = "joe@example.com";
    static final String PASSWORD = "joe's secret";

    private final Path root;
    private final int port;

    private ImapDaemon(Path root, int port) {
        this.root = root;
        this.port = port;
    }

    /** main.cf with {@code lines} added, the directories made, domain and user added; not started. */
    static ImapDaemon create(String... lines) throws IOException {
        Path root = Files.createTempDirectory(Path.of("/tmp"), "smi");
        int port = freePort();
        List<String> mainCf = new ArrayList<>(List.of(
                "queue_directory = " + root.resolve("q"),
                "data_directory = " + root.resolve("d"),
                "lmtp_listen = unix:$queue_directory/private/lmtp",
                "imap_listen = inet:127.0.0.1:" + port,
                "default_domain = example.com",
                "imap_auth_failure_delay = 0"));
        for (String line : lines) {
            String name = line.substring(0, line.indexOf('=') + 1);
            mainCf.removeIf(given -> given.startsWith(name)); // the test's own value instead
            mainCf.add(line);
        }
        Files.writeString(root.resolve("main.cf"), String.join("\n", mainCf) + "\n");
        ImapDaemon daemon = new ImapDaemon(root, port);
        daemon.require("set-permissions");
        try (Store store = daemon.openStore()) {
            store.domains().add("example.com");
            store.mailboxes().addUser("example.com", "joe");
            store.authAccounts().add(USER, PASSWORD);
        }
        return daemon;
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return probe.getLocalPort();
        }
    }

    Path root() {
        return root;
    }

    int port() {
        return port;
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** The instance's store, opened beside the daemon as an administrator's tool would. */
    Store openStore() {
        return Store.open(root.resolve("d"));
    }

    /** What {@code storectl -c ROOT args...} printed, with its exit status first: {@code "0\n..."}. */
    record Result(int status, String out, String err) {
    }

    Result storectl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status;
        try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
            status = StoreCtl.run(root, List.of(args), o, e);
        }
        return new Result(status, out.toString(), err.toString());
    }

    /** {@code storectl args...}, which must exit 0; its standard output. */
    String require(String... args) {
        Result result = storectl(args);
        if (result.status() != 0) {
            throw new AssertionError("storectl " + String.join(" ", args) + " exited " + result.status() + ":\n"
                    + result.out() + result.err() + "\ndaemon log:\n" + log());
        }
        return result.out();
    }

    void start() {
        require("start");
    }

    /** Appends {@code lines} to main.cf. */
    void append(String... lines) throws IOException {
        Files.writeString(root.resolve("main.cf"), String.join("\n", lines) + "\n", StandardOpenOption.APPEND);
    }

    String log() {
        try {
            Path log = root.resolve("q/pid/daemon.log");
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (storectl("status").status() == 0) {
                storectl("abort");
            }
        } finally {
            if (Files.exists(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> {
                        try {
                            Files.deleteIfExists(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
            }
        }
    }
}
