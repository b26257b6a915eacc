package org.storemulti.imapd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The daemon's {@code imap} service row, through the real daemon {@code storectl start}
 * launches: off without {@code imap_listen}; logins logged, listed by {@code storectl who}
 * and ended by {@code storectl kick}; what a reload applies; what {@code storectl check}
 * says about listen entries and TLS files; STARTTLS and an {@code imaps:} listener with a
 * certificate made at test time.
 */
@Timeout(120)
class ImapServiceEndToEndTest {

    private ImapDaemon daemon;

    @AfterEach
    void stop() throws IOException {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void withoutImapListenTheServiceIsOffAndHasNoSessions() throws IOException {
        daemon = ImapDaemon.create("imap_listen =");
        daemon.start();
        String status = daemon.require("status");
        assertTrue(status.lines().anyMatch(l -> l.matches("imap +off .*")), status);
        assertEquals("session       user  client  since                 mailbox\n", daemon.require("who"));
        assertEquals("", daemon.require("who", "-j"));
        assertEquals("store-test/storectl: kicked 0 IMAP sessions of joe@example.com\n".replace("store-test", "store"),
                daemon.require("kick", "joe@example.com"));
        assertTrue(daemon.log().contains("service imap is off"), daemon.log());
    }

    @Test
    void loginsAreLoggedListedByWhoAndEndedByKick() throws Exception {
        daemon = ImapDaemon.create();
        daemon.start();
        assertTrue(daemon.require("status").lines().anyMatch(l -> l.matches("imap +running .*")));
        try (ImapLines joe = ImapLines.greeted(daemon.address())) {
            assertTrue(joe.tagged("a", "LOGIN JOE@example.com \"joe's secret\"").startsWith("a OK [CAPABILITY IMAP4rev1 "));
            List<String> who = daemon.require("who").lines().toList();
            assertEquals(2, who.size(), who.toString());
            assertTrue(who.get(1).matches("[0-9A-F]{12}  joe@example.com  127\\.0\\.0\\.1  20[0-9-]+T[0-9:]+Z +-"),
                    who.get(1));
            String json = daemon.require("who", "-j");
            assertTrue(json.matches("\\{\"session\": \"[0-9A-F]{12}\", \"user\": \"joe@example.com\", \"client\": "
                    + "\"127.0.0.1\", \"since\": \"[0-9TZ:-]+\", \"mailbox\": \"\"\\}\n"), json);
            assertEquals("store/storectl: kicked 1 IMAP session of Joe@Example.com\n",
                    daemon.require("kick", "Joe@Example.com"));
            assertEquals(List.of("* BYE [UNAVAILABLE] Disconnected by the administrator"), joe.untilClosed());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!daemon.require("who", "-j").isEmpty()) { // the server closes the session a moment after its BYE
            assertTrue(System.nanoTime() < deadline, "the kicked session is still listed");
            Thread.sleep(10);
        }
        String log = daemon.log();
        assertTrue(log.matches("(?s).*/imap\\[[0-9]+\\]: info: [0-9A-F]{12}: login: user=<joe@example.com>, "
                + "client=127\\.0\\.0\\.1, method=LOGIN\n.*"), log);
        assertTrue(log.matches("(?s).*/imap\\[[0-9]+\\]: info: [0-9A-F]{12}: logout: user=<joe@example.com>, "
                + "reason=kicked\n.*"), log);
        assertEquals(2, daemon.storectl("kick").status(), "kick needs its user");
    }

    @Test
    void aReloadAppliesLoginSettingsToNewSessionsAndSaysWhatNeedsARestart() throws Exception {
        daemon = ImapDaemon.create();
        daemon.start();
        try (ImapLines first = ImapLines.greeted(daemon.address());
                ImapLines second = ImapLines.greeted(daemon.address())) {
            assertTrue(first.tagged("a", "LOGIN joe@example.com \"joe's secret\"").startsWith("a OK "));
            daemon.append("imap_max_connections_per_user = 1", "imap_listen = inet:127.0.0.1:" + ImapDaemon.freePort());
            String reload = daemon.require("reload");
            assertTrue(reload.contains("applied: imap_max_connections_per_user; needs a restart (storectl stop;"
                    + " storectl start): imap_listen"), reload);
            assertEquals("b NO [LIMIT] too many sessions of this user (the limit is 1); log out of another one first",
                    second.tagged("b", "LOGIN joe@example.com \"joe's secret\""));
        }
    }

    @Test
    void passwordsFromAnotherHostNeedTlsUnlessImapPlaintextAuthSaysYes() throws Exception {
        InetAddress address = nonLoopbackAddress().orElse(null);
        Assumptions.assumeTrue(address != null, "this host has no non-loopback IPv4 address to connect from");
        int port = ImapDaemon.freePort();
        daemon = ImapDaemon.create("imap_listen = inet:" + address.getHostAddress() + ":" + port);
        daemon.start();
        InetSocketAddress remote = new InetSocketAddress(address, port);
        try (ImapLines c = new ImapLines(remote)) {
            assertTrue(c.line().contains(" LOGINDISABLED]"));
            assertEquals("a NO [PRIVACYREQUIRED] LOGIN is disabled without TLS; use STARTTLS first",
                    c.tagged("a", "LOGIN joe@example.com \"joe's secret\""));
        }
        daemon.append("imap_plaintext_auth = yes");
        daemon.require("reload");
        try (ImapLines c = new ImapLines(remote)) {
            assertTrue(c.line().contains(" AUTH=PLAIN AUTH=LOGIN]"));
            assertTrue(c.tagged("a", "LOGIN joe@example.com \"joe's secret\"").startsWith("a OK "));
        }
    }

    @Test
    void checkNamesAnImapsEntryWithoutTlsAndKeyFilesThatCannotBeUsed() throws Exception {
        daemon = ImapDaemon.create("imap_listen = imaps:127.0.0.1:" + ImapDaemon.freePort());
        Path mainCf = daemon.root().resolve("main.cf");
        ImapDaemon.Result check = daemon.storectl("check");
        assertEquals(1, check.status());
        assertTrue(check.err().contains(mainCf + ":" + lineOf(mainCf, "imap_listen") + ": imap_listen: an imaps: entry needs imap_tls_cert_file and"
                + " imap_tls_key_file: set them, or listen with inet: instead: correct it in main.cf"), check.err());
        Path key = daemon.root().resolve("key.pem");
        Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        daemon.append("imap_tls_key_file = " + key, "imap_tls_cert_file = " + daemon.root().resolve("none.pem"));
        check = daemon.storectl("check");
        assertEquals(1, check.status());
        assertTrue(check.err().contains(mainCf + ":" + lineOf(mainCf, "imap_tls_key_file") + ": imap_tls_key_file: " + key + ": a RSA PRIVATE KEY is not an"
                + " unencrypted PKCS#8 key; convert it with 'openssl pkcs8 -topk8 -nocrypt -in " + key), check.err());
        assertEquals(1, daemon.storectl("start").status(), "start checks first");
        daemon.append("imap_listen = imaps:127.0.0.1:99999");
        check = daemon.storectl("check");
        assertTrue(check.err().contains(":" + lineOf(mainCf, "imap_listen")
                + ": imap_listen: imaps:127.0.0.1:99999: bad port number: correct it in main.cf"), check.err());
    }

    @Test
    void starttlsAndAnImapsListenerServeTheConfiguredCertificate() throws Exception {
        int tlsPort = ImapDaemon.freePort();
        daemon = ImapDaemon.create();
        Path[] pair = certificate(daemon.root());
        daemon.append("imap_tls_key_file = " + pair[0], "imap_tls_cert_file = " + pair[1],
                "imap_listen = inet:127.0.0.1:" + daemon.port() + " imaps:127.0.0.1:" + tlsPort);
        daemon.start();
        SSLContext trust = trusting(pair[1]);
        try (ImapLines c = new ImapLines(daemon.address())) {
            assertTrue(c.line().contains(" STARTTLS "));
            assertEquals("a OK Begin TLS negotiation now", c.tagged("a", "STARTTLS"));
        }
        try (SSLSocket tls = (SSLSocket) trust.getSocketFactory().createSocket("127.0.0.1", tlsPort)) {
            tls.setSoTimeout(10_000);
            tls.startHandshake();
            String greeting = new String(tls.getInputStream().readNBytes(5));
            assertEquals("* OK ", greeting);
        }
    }

    /** The number of the line of main.cf that sets {@code name}. */
    private static int lineOf(Path mainCf, String name) throws IOException {
        List<String> lines = Files.readAllLines(mainCf);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(name + " =")) {
                return i + 1;
            }
        }
        throw new AssertionError(name + " is not in " + mainCf);
    }

    /** A key and self-signed certificate for 127.0.0.1, made with openssl as the README says. */
    static Path[] certificate(Path directory) throws IOException, InterruptedException {
        Path key = directory.resolve("key.pem");
        Path cert = directory.resolve("cert.pem");
        Process p;
        try {
            p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("openssl is not installed (.ci/run installs it): " + e.getMessage());
            throw e;
        }
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl failed: " + output);
        }
        return new Path[] {key, cert};
    }

    static SSLContext trusting(Path certificate) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
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
