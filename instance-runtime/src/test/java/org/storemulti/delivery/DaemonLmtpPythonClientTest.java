package org.storemulti.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.storemulti.config.TestFixtures;
import org.storemulti.store.Store;

/**
 * Python's {@code smtplib.LMTP}, a real client, against the real daemon that
 * {@code storectl start} launches, over its UNIX socket and over TCP. Users are added
 * through the engine while the daemon runs, as an administrator would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class DaemonLmtpPythonClientTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private DaemonUnderTest daemon;
    private Store store;

    @BeforeAll
    void startTheDaemonAndAddUsers() throws Exception {
        daemon = DaemonUnderTest.create();
        daemon.start();
        assertNotEquals(ProcessHandle.current().pid(), daemon.pid(), "the daemon runs in a JVM of its own");
        store = Store.open(daemon.dataDirectory());
        store.domains().add("example.com");
        store.mailboxes().addUser("example.com", "joe");
        store.mailboxes().addUser("example.com", "ann");
    }

    @AfterAll
    void stopTheDaemon() throws Exception {
        try {
            if (store != null) {
                store.close();
            }
            daemon.stop();
        } finally {
            daemon.close();
        }
    }

    @BeforeEach
    void requirePython() {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "python3 is installed by .ci/run");
    }

    @Test
    void pythonsLmtpClientDeliversThroughTheDaemonsUnixSocket() throws Exception {
        int before = inboxSize("joe");
        assertEquals("OK joe@example.com\nFAIL nobody@example.com 550 5.1.1 <nobody@example.com>: no such user\nOK ann\n",
                python(daemon.unixSocket().toString(), "joe@example.com", "nobody@example.com", "ann"));
        assertEquals(before + 1, inboxSize("joe"));
        String stored = newest("joe");
        assertTrue(stored.startsWith("Return-Path: <alice@example.org>\r\nDelivered-To: joe@example.com\r\nFrom: Alice"),
                stored);
        assertTrue(stored.contains("\r\nMessage-ID: <hello.1@example.org>\r\n"), stored);
        assertTrue(stored.contains("\r\n.a line starting with a dot"), stored);
    }

    @Test
    void pythonsLmtpClientDeliversThroughTheDaemonOverTcp() throws Exception {
        int joe = inboxSize("joe");
        int ann = inboxSize("ann");
        assertEquals("OK joe@example.com\nOK ann@example.com\nFAIL joe@example.org 550 5.1.1 <joe@example.org>: no such user\n",
                python("127.0.0.1:" + daemon.port(), "joe@example.com", "ann@example.com", "joe@example.org"));
        assertEquals(joe + 1, inboxSize("joe"));
        assertEquals(ann + 1, inboxSize("ann"));
        assertTrue(newest("ann").startsWith("Return-Path: <alice@example.org>\r\nDelivered-To: ann@example.com\r\n"));
    }

    @Test
    void deliveredMessagesSurviveARestartOfTheDaemon() throws Exception {
        python(daemon.unixSocket().toString(), "ann@example.com");
        int ann = inboxSize("ann");
        daemon.stop();
        daemon.start();
        assertEquals(ann, inboxSize("ann"));
        assertEquals("OK ann@example.com\n", python(daemon.unixSocket().toString(), "ann@example.com"));
        assertEquals(ann + 1, inboxSize("ann"));
    }

    /** Runs lmtp_client.py against {@code target} with hello.eml; returns what it printed. */
    private static String python(String target, String... recipients) throws Exception {
        Path client = TestFixtures.root().resolve("lmtp/lmtp_client.py");
        java.util.List<String> command = new java.util.ArrayList<>(
                java.util.List.of(PYTHON.toString(), client.toString(), target, "alice@example.org"));
        command.addAll(java.util.List.of(recipients));
        Process p = new ProcessBuilder(command)
                .redirectInput(TestFixtures.root().resolve("lmtp/hello.eml").toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), out);
        return out;
    }

    private int inboxSize(String user) {
        return (int) store.messages().status("example.com", "user/" + user + "/INBOX").messages();
    }

    private String newest(String user) {
        var list = store.messages().list("example.com", "user/" + user + "/INBOX");
        long uid = list.get(list.size() - 1).uid();
        return new String(store.messages().read("example.com", "user/" + user + "/INBOX", uid), StandardCharsets.UTF_8);
    }
}
