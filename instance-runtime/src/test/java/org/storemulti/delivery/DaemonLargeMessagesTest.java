package org.storemulti.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.storemulti.store.Store;

/**
 * Regression: six clients each sending a message just under the default
 * {@code message_size_limit} (10,240,000 bytes) at once ran the daemon's default 64 MB heap
 * out of memory; sessions died with OutOfMemoryError and their clients saw the connection
 * reset. Now every client gets an answer: 250 when its message is stored, 452 4.3.1 (try
 * again later) when the memory for bodies in flight is taken, and the daemon goes on.
 */
@Timeout(60)
class DaemonLargeMessagesTest {

    private static final int CLIENTS = 6;
    private static final int SIZE = 9_500_000;

    private DaemonUnderTest daemon;

    @BeforeEach
    void startTheDaemon() throws Exception {
        daemon = DaemonUnderTest.create();
        daemon.start();
        try (Store store = Store.open(daemon.dataDirectory())) {
            store.domains().add("example.com");
            store.mailboxes().addUser("example.com", "joe");
        }
    }

    @AfterEach
    void removeTheInstance() throws Exception {
        daemon.close();
    }

    @Test
    void manyLargeMessagesAtOnceAreStoredOrDeferredNeverDropped() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<String>> replies = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                replies.add(pool.submit(() -> deliver("large " + client, SIZE)));
            }
            int stored = 0;
            for (Future<String> reply : replies) {
                String line = reply.get();
                assertTrue(line.startsWith("250 2.0.0 ") || line.equals("452 4.3.1 Insufficient system storage"),
                        () -> line + "\ndaemon log:\n" + daemon.log());
                stored += line.startsWith("250") ? 1 : 0;
            }
            assertTrue(stored >= 1, "at least one large message fits");
            assertEquals("250", deliver("small", 5000).substring(0, 3));
            assertFalse(daemon.log().contains("OutOfMemoryError"), daemon::log);
            daemon.stop();
            try (Store store = Store.open(daemon.dataDirectory())) {
                assertEquals(stored + 1, store.messages().status("example.com", "user/joe/INBOX").messages());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One message of about {@code size} bytes to joe; the reply after DATA, or the failure. */
    private String deliver(String subject, int size) {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(daemon.unixSocket()))) {
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.US_ASCII));
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 65536);
            in.readLine();
            out.write("LHLO large.test\r\nMAIL FROM:<s@large.test>\r\nRCPT TO:<joe@example.com>\r\nDATA\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line;
            while ((line = in.readLine()) != null && !line.startsWith("354")) {
                if (line.matches("[45].*")) {
                    return line;
                }
            }
            out.write(("Subject: " + subject + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] text = ("x".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int n = 0; n < size; n += text.length) {
                out.write(text);
            }
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            line = in.readLine();
            return line == null ? "connection closed" : line;
        } catch (IOException e) {
            return e.toString();
        }
    }
}
