package org.storemulti.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.imap.testing.ImapClient;
import org.storemulti.imap.testing.TestCertificate;
import org.storemulti.imap.testing.TestServer;

/** STARTTLS and implicit TLS with a key and certificate made by openssl at test time. */
class TlsTest {

    @TempDir
    static Path certificates;
    static TestCertificate certificate;
    static SSLContext serverTls;
    static SSLContext clientTls;

    @TempDir
    Path directory;

    @BeforeAll
    static void makeCertificate() throws IOException, InterruptedException, GeneralSecurityException,
            TlsFiles.InvalidException {
        certificate = TestCertificate.make(certificates);
        serverTls = TlsFiles.load(certificate.key(), certificate.certificate());
        clientTls = certificate.clientContext();
    }

    private TestServer server(InetAddress address) throws IOException {
        return TestServer.start(directory, address, s -> s.withTls(serverTls), ConnectionGate.open());
    }

    @Test
    void startTlsSwitchesTheConnectionAndTheCapabilitiesFollow() throws IOException {
        try (TestServer server = server(InetAddress.getLoopbackAddress()); ImapClient c = server.connect()) {
            assertTrue(c.line().contains(" STARTTLS "));
            assertEquals("a OK Begin TLS negotiation now", c.tagged("a", "STARTTLS"));
            c.startTls(clientTls);
            List<String> capability = c.command("b", "CAPABILITY");
            assertEquals("* CAPABILITY IMAP4rev1 LITERAL+ " + TestServer.EXTENSIONS + " AUTH=PLAIN AUTH=LOGIN", capability.get(0));
            assertEquals("c BAD STARTTLS is only valid before login", c.login().tagged("c", "STARTTLS"));
            assertEquals("d OK NOOP completed", c.tagged("d", "NOOP"));
        }
    }

    @Test
    void commandsSentBehindStartTlsInPlaintextAreNeverRun() throws IOException {
        try (TestServer server = server(InetAddress.getLoopbackAddress()); ImapClient c = server.connect()) {
            c.line();
            c.send("a STARTTLS\r\nb LOGIN joe@example.com secret\r\n");
            assertEquals("a OK Begin TLS negotiation now", c.line());
            c.startTls(clientTls);
            assertEquals(List.of("c OK NOOP completed"), c.command("c", "NOOP"));
            assertEquals("d BAD SELECT needs a login first (LOGIN or AUTHENTICATE)", c.tagged("d", "SELECT INBOX"));
        }
    }

    @Test
    void implicitTlsGreetsAfterTheHandshake() throws IOException {
        try (TestServer server = server(InetAddress.getLoopbackAddress());
                ImapClient c = ImapClient.connectTls(server.tlsAddress(), clientTls)) {
            assertEquals("* OK [CAPABILITY IMAP4rev1 LITERAL+ " + TestServer.EXTENSIONS + " AUTH=PLAIN AUTH=LOGIN] "
                    + "storemulti IMAP ready", c.line());
            c.login();
            assertEquals("a OK NOOP completed", c.tagged("a", "NOOP"));
        }
    }

    @Test
    void aClientThatSpeaksPlainTextToTheTlsPortIsClosed() throws IOException {
        try (TestServer server = server(InetAddress.getLoopbackAddress());
                ImapClient c = ImapClient.connect(server.tlsAddress())) {
            c.send("a LOGIN joe@example.com secret\r\n");
            List<String> lines = c.untilClosed();
            assertTrue(lines.stream().noneMatch(l -> l.contains("OK")), lines.toString());
        }
    }

    @Test
    void aTlsClientThatNeverHandshakesIsClosedAfterTheLoginTimeout() throws IOException {
        try (TestServer server = TestServer.start(directory, InetAddress.getLoopbackAddress(),
                s -> s.withTls(serverTls).withTimeouts(Duration.ofMillis(500), Duration.ofMinutes(30), Duration.ofSeconds(5)),
                ConnectionGate.open()); ImapClient c = ImapClient.connect(server.tlsAddress())) {
            List<String> received = c.untilClosed(); // at most a TLS alert record, then the end
            assertTrue(received.stream().noneMatch(l -> l.contains("OK")), received.toString());
            assertTrue(TestServer.within(Duration.ofSeconds(5), () -> server.server().connections() == 0));
        }
    }

    /** Plaintext logins off a non-local address need TLS: LOGINDISABLED until STARTTLS. */
    @Test
    void passwordsNeedTlsFromANonLocalAddress() throws IOException {
        InetAddress address = nonLoopbackAddress().orElse(null);
        Assumptions.assumeTrue(address != null, "this host has no non-loopback IPv4 address");
        try (TestServer server = server(address); ImapClient c = server.connect()) {
            assertEquals("* OK [CAPABILITY IMAP4rev1 LITERAL+ " + TestServer.EXTENSIONS + " STARTTLS LOGINDISABLED] "
                    + "storemulti IMAP ready", c.line());
            assertEquals("a NO [PRIVACYREQUIRED] LOGIN is disabled without TLS; use STARTTLS first",
                    c.tagged("a", "LOGIN joe@example.com secret"));
            assertEquals("b NO [PRIVACYREQUIRED] password authentication is disabled without TLS; use STARTTLS first",
                    c.tagged("b", "AUTHENTICATE PLAIN AGpvZUBleGFtcGxlLmNvbQBzZWNyZXQ="));
            c.tagged("c", "STARTTLS");
            c.startTls(clientTls);
            c.login();
        }
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

    @Test
    void keyFilesThatCannotBeUsedAreRefusedWithTheFix() throws IOException {
        Path rsa = directory.resolve("rsa.pem");
        Files.writeString(rsa, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        TlsFiles.InvalidException old = assertThrows(TlsFiles.InvalidException.class,
                () -> TlsFiles.load(rsa, certificate.certificate()));
        assertEquals(rsa + ": a RSA PRIVATE KEY is not an unencrypted PKCS#8 key; convert it with 'openssl pkcs8 -topk8"
                + " -nocrypt -in " + rsa + " -out NEW.pem'", old.getMessage());
        TlsFiles.InvalidException swapped = assertThrows(TlsFiles.InvalidException.class,
                () -> TlsFiles.load(certificate.certificate(), certificate.key()));
        assertTrue(swapped.getMessage().startsWith(certificate.certificate() + ": a CERTIFICATE is not"), swapped.getMessage());
        TlsFiles.InvalidException missing = assertThrows(TlsFiles.InvalidException.class,
                () -> TlsFiles.load(certificate.key(), directory.resolve("none.pem")));
        assertTrue(missing.getMessage().startsWith(directory.resolve("none.pem") + ": cannot read"), missing.getMessage());
    }
}
