package org.storemulti.imap.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.storemulti.imap.ConnectionGate;
import org.storemulti.imap.ImapListener;
import org.storemulti.imap.ImapServer;
import org.storemulti.imap.ImapEvents;
import org.storemulti.imap.ImapSettings;
import org.storemulti.imap.LoginPolicy;
import org.storemulti.imap.StoreBackend;
import org.storemulti.store.Store;

/**
 * The IMAP server for bench/imap-idle.sh: a store in DIR with user joe@example.com /
 * secret, the server on 127.0.0.1:0 (default settings), until its standard input ends.
 * Writes "PORT START_MS RSS_BEFORE_KIB RSS_AFTER_KIB" to PORTFILE once listening: how long
 * creating and starting the IMAP server took, and the RSS just before and after.
 *
 * <pre>java -cp ... org.storemulti.imap.bench.ImapBenchServer DIR PORTFILE</pre>
 */
public final class ImapBenchServer {

    private ImapBenchServer() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path portFile = Path.of(args[1]);
        try (Store store = Store.open(dir.resolve("data"))) {
            if (store.domains().list("*").isEmpty()) {
                store.domains().add("example.com");
                store.mailboxes().addUser("example.com", "joe");
                store.authAccounts().add("joe@example.com", "secret");
            }
            Path spool = Files.createDirectories(dir.resolve("spool"));
            long rssBefore = rssKib();
            long start = System.nanoTime();
            ImapServer server = new ImapServer(
                    List.of(ImapListener.plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))),
                    ImapSettings.defaults("bench", spool),
                    // every connection of the bench is joe's: no per-user session limit (20 by default)
                    LoginPolicy.defaults().withMaxSessionsPerUser(0), new StoreBackend(store, "example.com"),
                    ConnectionGate.open(), ImapEvents.NONE, System.err::println);
            server.start();
            long startMs = (System.nanoTime() - start) / 1_000_000;
            int port = ((InetSocketAddress) server.boundAddresses().get(0)).getPort();
            Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
            Files.writeString(tmp, port + " " + startMs + " " + rssBefore + " " + rssKib() + "\n");
            Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE);
            while (System.in.read() >= 0) {
                // serve until the bench closes our standard input
            }
            server.stop(Duration.ofSeconds(10));
        }
    }

    private static long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
