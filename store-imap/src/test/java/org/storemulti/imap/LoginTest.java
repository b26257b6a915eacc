package org.storemulti.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.imap.testing.ImapClient;
import org.storemulti.imap.testing.TestServer;

/**
 * Logins against a real store over loopback sockets: what names log in as whom, what the
 * store's account rules refuse, the throttle after failures (waits that hold no thread),
 * the per-user limit, and the session events, listing and kick the runtime builds on.
 */
@Timeout(60)
class LoginTest {

    @TempDir
    Path directory;

    private final List<String> events = new CopyOnWriteArrayList<>();

    private final ImapEvents recording = new ImapEvents() {
        @Override
        public void loggedIn(ImapSessionInfo session, String method) {
            events.add("in " + session.user() + " " + session.client() + " " + method);
        }

        @Override
        public void loggedOut(ImapSessionInfo session, String reason) {
            events.add("out " + session.user() + " " + reason);
        }
    };

    private TestServer server(LoginPolicy policy) throws IOException {
        return server(InetAddress.getLoopbackAddress(), policy);
    }

    private TestServer server(InetAddress address, LoginPolicy policy) throws IOException {
        return TestServer.start(directory, address, s -> s.withPlaintextAuth(true), ConnectionGate.open(), policy,
                recording);
    }

    private static ImapClient greeted(TestServer server) throws IOException {
        ImapClient c = server.connect();
        c.line();
        return c;
    }

    @Test
    void loginNamesIgnoreAsciiCaseAndTheUserKeepsItsSpelling() throws IOException {
        try (TestServer server = server(LoginPolicy.unlimited())) {
            server.store().mailboxes().addUser("example.com", "MixedCase");
            server.store().authAccounts().add("mixedcase@example.com", "pw");
            try (ImapClient c = greeted(server)) {
                assertTrue(c.tagged("a", "LOGIN JOE@EXAMPLE.COM secret").startsWith("a OK [CAPABILITY "));
            }
            try (ImapClient c = greeted(server)) {
                assertTrue(c.tagged("a", "LOGIN MIXEDCASE@example.com pw").startsWith("a OK "));
                assertEquals(List.of("MixedCase@example.com"), server.server().sessions().stream()
                        .map(ImapSessionInfo::user).toList());
            }
        }
    }

    @Test
    void anAuthAliasLogsInAsTheUserItNames() throws IOException {
        try (TestServer server = server(LoginPolicy.unlimited())) {
            server.store().authAccounts().add("jworker", "iMc001");
            server.store().authAliases().add("jworker", "Joe@Example.com");
            try (ImapClient c = greeted(server)) {
                assertTrue(c.tagged("a", "AUTHENTICATE PLAIN " + plain("jworker", "iMc001")).startsWith("a OK "));
                assertEquals("joe@example.com", server.server().sessions().get(0).user());
            }
        }
    }

    @Test
    void disabledAccountsAndDomainsExpiredPasswordsAndUsersWithoutMailAreRefusedAlike() throws IOException {
        try (TestServer server = server(LoginPolicy.unlimited())) {
            var store = server.store();
            store.authAccounts().add("ghost@example.com", "pw");
            store.authAccounts().add("old@example.com", "pw");
            store.authAccounts().modifyExpiry("old@example.com", "20200101000000");
            store.authAccounts().add("off@example.com", "pw");
            store.authAccounts().disable("off@example.com");
            try (ImapClient c = greeted(server)) {
                for (String login : List.of("ghost@example.com pw", "old@example.com pw", "off@example.com pw")) {
                    assertEquals("a NO [AUTHENTICATIONFAILED] Authentication failed", c.tagged("a", "LOGIN " + login));
                }
                store.domains().disable("example.com");
                assertEquals("b NO [AUTHENTICATIONFAILED] Authentication failed", c.tagged("b", "LOGIN joe@example.com secret"));
                store.domains().enable("example.com");
                assertTrue(c.tagged("c", "LOGIN joe@example.com secret").startsWith("c OK "));
            }
            List<String> reasons = server.log().stream().filter(l -> l.contains("refused")).toList();
            assertEquals(List.of("imap: login of ghost@example.com as ghost@example.com refused: no such user: ghost@example.com",
                    "imap: login of old@example.com refused: password expired",
                    "imap: login of off@example.com refused: account disabled",
                    "imap: login of joe@example.com refused: domain disabled"), reasons);
        }
    }

    @Test
    void afterAFailureTheNextAttemptWaitsAndCommandsSentBehindItAreAnsweredInOrder() throws IOException {
        try (TestServer server = server(LoginPolicy.defaults().withFailureDelay(Duration.ofMillis(400),
                Duration.ofSeconds(5))); ImapClient c = greeted(server)) {
            // the delay runs from the failure, which the client knows only to lie after it sent "a"
            long start = System.nanoTime();
            assertEquals("a NO [AUTHENTICATIONFAILED] Authentication failed", c.tagged("a", "LOGIN joe@example.com wrong"));
            c.send("b LOGIN joe@example.com secret\r\nc NOOP\r\nd CAPABILITY\r\n");
            List<String> lines = c.until("d");
            long waited = System.nanoTime() - start;
            assertTrue(waited >= Duration.ofMillis(400).toNanos(), "waited " + waited / 1_000_000 + " ms");
            assertTrue(lines.get(0).startsWith("b OK [CAPABILITY "), lines.toString());
            assertEquals("c OK NOOP completed", lines.get(1));
            assertEquals("d OK CAPABILITY completed", lines.get(3));
            assertTrue(server.log().contains("imap: login failed: user=<joe@example.com>, client=127.0.0.1, method=LOGIN"),
                    server.log().toString());
        }
    }

    /** One worker thread: a login that waits its turn holds none, so another client is served meanwhile. */
    @Test
    void aThrottledLoginHoldsNoThread() throws IOException {
        try (TestServer server = TestServer.start(directory, InetAddress.getLoopbackAddress(),
                s -> s.withWorkers(1), ConnectionGate.open(),
                LoginPolicy.defaults().withFailureDelay(Duration.ofSeconds(20), Duration.ofSeconds(20)), recording);
                ImapClient waiting = greeted(server); ImapClient other = greeted(server)) {
            assertEquals("a NO [AUTHENTICATIONFAILED] Authentication failed", waiting.tagged("a", "LOGIN joe@example.com x"));
            waiting.send("b LOGIN joe@example.com secret\r\n");
            long start = System.nanoTime();
            assertEquals("c OK NOOP completed", other.tagged("c", "NOOP"));
            assertTrue(other.tagged("d", "LOGIN ann@example.com x").startsWith("d NO"));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(15).toNanos(), "served while the login waited");
        }
    }

    @Test
    void aGuessingAddressWaitsForEveryNameItTries() throws IOException {
        InetAddress address = nonLoopbackAddress().orElse(null);
        Assumptions.assumeTrue(address != null, "this host has no non-loopback IPv4 address to connect from");
        try (TestServer server = server(address, LoginPolicy.defaults().withFailureDelay(Duration.ofMillis(300),
                Duration.ofSeconds(5))); ImapClient c = greeted(server)) {
            assertTrue(c.tagged("a", "LOGIN ann@example.com x").startsWith("a NO "));
            assertTrue(c.tagged("b", "LOGIN bob@example.com x").startsWith("b NO "));
            long start = System.nanoTime();
            assertTrue(c.tagged("c", "LOGIN joe@example.com secret").startsWith("c OK "));
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(600).toNanos(), "two failures from the address: 600 ms");
        }
    }

    @Test
    void aUserWithTooManySessionsIsToldTheLimit() throws IOException {
        try (TestServer server = server(LoginPolicy.unlimited().withMaxSessionsPerUser(2));
                ImapClient a = greeted(server); ImapClient b = greeted(server); ImapClient c = greeted(server)) {
            a.login();
            b.login();
            assertEquals("x NO [LIMIT] too many sessions of this user (the limit is 2); log out of another one first",
                    c.tagged("x", "LOGIN Joe@example.com secret"));
            a.tagged("y", "LOGOUT");
            assertTrue(TestServer.within(Duration.ofSeconds(5), () -> server.server().sessions().size() == 1));
            c.login();
        }
    }

    @Test
    void sessionsAreListedAndAUsersSessionsKicked() throws IOException {
        try (TestServer server = server(LoginPolicy.unlimited()); ImapClient a = greeted(server);
                ImapClient b = greeted(server)) {
            server.store().mailboxes().addUser("example.com", "ann");
            server.store().authAccounts().add("ann@example.com", "pw");
            a.login();
            assertTrue(b.tagged("b", "AUTHENTICATE PLAIN " + plain("ann@example.com", "pw")).startsWith("b OK "));
            List<ImapSessionInfo> sessions = server.server().sessions();
            assertEquals(List.of("joe@example.com", "ann@example.com"), sessions.stream().map(ImapSessionInfo::user).toList());
            assertEquals("127.0.0.1", sessions.get(0).client());
            assertTrue(sessions.get(0).id().matches("[0-9A-F]{12}"), sessions.get(0).id());
            assertEquals(1, server.server().kick("JOE@example.COM"));
            assertEquals(List.of("* BYE [UNAVAILABLE] Disconnected by the administrator"), a.untilClosed());
            assertTrue(TestServer.within(Duration.ofSeconds(5), () -> server.server().sessions().size() == 1));
            b.tagged("c", "LOGOUT");
            assertTrue(TestServer.within(Duration.ofSeconds(5), () -> events.size() == 4));
            assertEquals(List.of("in joe@example.com 127.0.0.1 LOGIN", "in ann@example.com 127.0.0.1 PLAIN",
                    "out joe@example.com kicked", "out ann@example.com LOGOUT"), events);
        }
    }

    private static String plain(String user, String password) {
        return java.util.Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return i.isUp() && !i.isLoopback();
            } catch (SocketException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst();
    }
}
