package org.storemulti.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.Store;

/**
 * {@code storectl reload} against a real daemon: each LMTP parameter it reports as applied
 * is in effect for the next session (greeting, SIZE, deadlines, session limits), while a
 * session that started before keeps what it started with.
 */
class LmtpReloadEndToEndTest {

    @TempDir
    Path root;

    private TestInstance instance;

    @AfterEach
    void stopLeftovers() throws IOException {
        if (instance != null) {
            instance.cleanUp();
        }
    }

    /** A line client on its own socket streams (reads and writes never wait for each other). */
    private static final class Client implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;

        Client(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        }

        void send(String text) throws IOException {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }

        String reply() throws IOException {
            StringBuilder all = new StringBuilder();
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    return all.append("<EOF>").toString();
                }
                all.append(all.length() > 0 ? "|" : "").append(line);
            } while (line.length() > 3 && line.charAt(3) == '-');
            return all.toString();
        }

        String greetedReply() throws IOException {
            String greeting = reply();
            send("LHLO client.test\r\n");
            return greeting + "|" + reply();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return probe.getLocalPort();
        }
    }

    private void reload(String... lines) throws IOException {
        Files.writeString(instance.mainCf(), String.join("\n", lines) + "\n", StandardOpenOption.APPEND);
        TestInstance.Result reload = instance.storectl("reload");
        assertEquals(0, reload.status(), reload.toString());
        assertFalse(reload.out().contains("needs a restart"), reload.toString());
    }

    @Test
    void everyLmtpParameterAReloadAppliesIsInEffectForTheNextSession() throws Exception {
        int port = freePort();
        instance = TestInstance.create(root, "lmtp_listen = inet:127.0.0.1:" + port, "myhostname = before.test");
        assertEquals(0, instance.storectl("set-permissions").status());
        try (Store store = Store.open(root.resolve("d"))) {
            store.domains().add("example.com");
            store.mailboxes().addUser("example.com", "joe");
        }
        assertEquals(0, instance.storectl("start").status());
        try (Client old = new Client(port)) {
            assertTrue(old.greetedReply().endsWith("|250 SIZE 10240000"));
            old.send("MAIL FROM:<s@x>\r\nRCPT TO:<joe-x>\r\nRSET\r\n");
            old.reply();
            assertEquals("550 5.1.1 <joe-x>: no such user", old.reply(), "default_domain localhost, delimiter +");
            old.reply();
            reload("myhostname = after.test", "message_size_limit = 1000", "lmtp_timeout = 1s", "lmtp_data_timeout = 2s",
                    "lmtp_client_session_limit = 2", "default_domain = example.com", "recipient_delimiter = -");

            try (Client a = new Client(port)) {
                assertEquals("220 after.test LMTP storemulti ready|250-after.test|250-PIPELINING|250-ENHANCEDSTATUSCODES"
                        + "|250-8BITMIME|250 SIZE 1000", a.greetedReply());
                a.send("MAIL FROM:<s@x> SIZE=2000\r\n");
                assertEquals("552 5.3.4 Message size exceeds fixed limit", a.reply());
                a.send("MAIL FROM:<s@x>\r\nRCPT TO:<joe-x>\r\nRSET\r\n");
                a.reply();
                assertEquals("250 2.1.5 Ok", a.reply(), "default_domain = example.com, recipient_delimiter = -");
                a.reply();
                long idle = System.nanoTime();
                assertEquals("421 4.4.2 Timeout: closing connection", a.reply(), "lmtp_timeout = 1s");
                assertTrue(System.nanoTime() - idle < 5_000_000_000L);
            }
            try (Client b = new Client(port); Client c = new Client(port)) {
                assertTrue(b.greetedReply().startsWith("220 after.test"));
                assertEquals("421 4.7.0 Error: too many connections from 127.0.0.1", c.reply(),
                        "lmtp_client_session_limit = 2, and the old session counts");
                b.send("MAIL FROM:<s@x>\r\nRCPT TO:<joe@example.com>\r\nDATA\r\n");
                b.reply();
                b.reply();
                assertEquals("354 End data with <CR><LF>.<CR><LF>", b.reply());
                long text = System.nanoTime();
                for (int i = 0; i < 40; i++) {
                    b.send("a line every 200 ms\r\n");
                    Thread.sleep(200); // a slow client's pace, not synchronization
                    if (b.in.ready()) {
                        break;
                    }
                }
                assertEquals("421 4.4.2 Timeout: message text took longer than lmtp_data_timeout, closing connection",
                        b.reply(), "lmtp_data_timeout = 2s");
                assertTrue(System.nanoTime() - text < 6_000_000_000L);
            }

            old.send("NOOP\r\n");
            assertEquals("250 2.0.0 Ok", old.reply(), "the session from before the reload keeps lmtp_timeout = 300s");
            reload("lmtp_client_session_limit = 0", "lmtp_session_limit = 2");
            try (Client d = new Client(port)) {
                d.greetedReply();
                d.send("MAIL FROM:<s@x>\r\n");
                assertEquals("250 2.1.0 Ok", d.reply());
                try (Client e = new Client(port)) {
                    assertEquals("421 4.3.2 Too many sessions: closing the session idle longest", old.reply(),
                            "lmtp_session_limit = 2: the idle session is shed for the new client");
                    e.greetedReply();
                    e.send("MAIL FROM:<s@x>\r\n");
                    assertEquals("250 2.1.0 Ok", e.reply());
                    try (Client f = new Client(port)) {
                        assertEquals("421 4.3.2 Too many sessions, try again later", f.reply());
                    }
                }
            }
        }
        assertEquals(0, instance.storectl("stop").status());
    }
}
