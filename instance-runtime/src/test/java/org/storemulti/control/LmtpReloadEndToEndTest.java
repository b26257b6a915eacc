package org.storemulti.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.lmtp.LmtpClient;
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

    private static LmtpClient client(int port) throws IOException {
        return new LmtpClient(new InetSocketAddress("127.0.0.1", port));
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
        instance = TestInstance.prepared(root, "lmtp_listen = inet:127.0.0.1:" + port, "myhostname = before.test");
        try (Store store = Store.open(root.resolve("d"))) {
            store.domains().add("example.com");
            store.mailboxes().addUser("example.com", "joe");
        }
        assertEquals(0, instance.storectl("start").status());
        try (LmtpClient old = client(port)) {
            assertTrue(old.greet().endsWith("|250 SIZE 10240000"));
            old.send("MAIL FROM:<s@x>\r\nRCPT TO:<joe-x>\r\nRSET\r\n");
            old.reply();
            assertEquals("550 5.1.1 <joe-x>: no such user", old.reply(), "default_domain localhost, delimiter +");
            old.reply();
            reload("myhostname = after.test", "message_size_limit = 1000", "lmtp_timeout = 1s", "lmtp_data_timeout = 2s",
                    "lmtp_client_session_limit = 2", "default_domain = example.com", "recipient_delimiter = -");

            try (LmtpClient a = client(port)) {
                assertEquals("220 after.test LMTP storemulti ready|250-after.test|250-PIPELINING|250-ENHANCEDSTATUSCODES"
                        + "|250-8BITMIME|250 SIZE 1000", a.greet());
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
            try (LmtpClient b = client(port); LmtpClient c = client(port)) {
                assertTrue(b.greet().startsWith("220 after.test"));
                assertEquals("421 4.7.0 Error: too many connections from 127.0.0.1", c.reply(),
                        "lmtp_client_session_limit = 2, and the old session counts");
                b.send("MAIL FROM:<s@x>\r\nRCPT TO:<joe@example.com>\r\nDATA\r\n");
                b.reply();
                b.reply();
                assertEquals("354 End data with <CR><LF>.<CR><LF>", b.reply());
                long text = System.nanoTime();
                Thread slow = new Thread(() -> {
                    try {
                        for (int i = 0; i < 40; i++) {
                            b.send("a line every 200 ms\r\n");
                            Thread.sleep(200); // a slow client's pace, not synchronization
                        }
                    } catch (IOException | InterruptedException closed) {
                        // the server has cut the session
                    }
                }, "slow-client");
                slow.start();
                assertEquals("421 4.4.2 Timeout: message text took longer than lmtp_data_timeout, closing connection",
                        b.reply(), "lmtp_data_timeout = 2s");
                assertTrue(System.nanoTime() - text < 6_000_000_000L);
                slow.join(10_000);
            }

            old.send("NOOP\r\n");
            assertEquals("250 2.0.0 Ok", old.reply(), "the session from before the reload keeps lmtp_timeout = 300s");
            reload("lmtp_client_session_limit = 0", "lmtp_session_limit = 2");
            try (LmtpClient d = client(port)) {
                d.greet();
                d.send("MAIL FROM:<s@x>\r\n");
                assertEquals("250 2.1.0 Ok", d.reply());
                try (LmtpClient e = client(port)) {
                    assertEquals("421 4.3.2 Too many sessions: closing the session idle longest", old.reply(),
                            "lmtp_session_limit = 2: the idle session is shed for the new client");
                    e.greet();
                    e.send("MAIL FROM:<s@x>\r\n");
                    assertEquals("250 2.1.0 Ok", e.reply());
                    try (LmtpClient f = client(port)) {
                        assertEquals("421 4.3.2 Too many sessions, try again later", f.reply());
                    }
                }
            }
        }
        assertEquals(0, instance.storectl("stop").status());
    }
}
