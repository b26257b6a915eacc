package org.storemulti.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.imap.testing.ImapClient;
import org.storemulti.imap.testing.TestServer;

/** The IMAP service end to end over loopback sockets, with a real store behind LOGIN. */
class ImapServerTest {

    private static final String CAPABILITIES = "IMAP4rev1 LITERAL+ " + TestServer.EXTENSIONS + " AUTH=PLAIN AUTH=LOGIN";
    private static final String LOGGED_IN_CAPABILITIES = "IMAP4rev1 LITERAL+ " + TestServer.EXTENSIONS;

    @TempDir
    Path directory;
    private TestServer server;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start(directory);
    }

    @AfterEach
    void stop() {
        server.close();
        assertEquals(List.of(), server.log().stream().filter(l -> l.contains("internal error")).toList());
    }

    @Test
    void theGreetingAdvertisesWhatIsImplementedAndNothingElse() throws IOException {
        try (ImapClient c = server.connect()) {
            assertEquals("* OK [CAPABILITY " + CAPABILITIES + "] storemulti IMAP ready", c.line());
            assertEquals(List.of("* CAPABILITY " + CAPABILITIES, "a OK CAPABILITY completed"), c.command("a", "CAPABILITY"));
            c.login();
            assertEquals(List.of("* CAPABILITY " + LOGGED_IN_CAPABILITIES, "b OK CAPABILITY completed"),
                    c.command("b", "capability"));
        }
    }

    @Test
    void loginTakesLiteralsSentOneOctetAtATime() throws IOException {
        try (ImapClient c = server.connect()) {
            c.line();
            c.send("a1 LOGIN {" + TestServer.USER.length() + "}\r\n");
            assertEquals("+ Ready for literal data", c.line());
            for (byte b : TestServer.USER.getBytes(StandardCharsets.US_ASCII)) {
                c.send(new byte[] {b});
            }
            c.send(" {6}\r\n");
            assertEquals("+ Ready for literal data", c.line());
            c.send("sec").send("ret").send("\r").send("\n");
            assertEquals("a1 OK [CAPABILITY " + LOGGED_IN_CAPABILITIES + "] Logged in", c.line());
        }
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() throws IOException {
        try (ImapClient c = server.connect()) {
            c.line();
            assertEquals("a NO [AUTHENTICATIONFAILED] Authentication failed", c.tagged("a", "LOGIN joe@example.com wrong"));
            assertEquals("b NO [AUTHENTICATIONFAILED] Authentication failed", c.tagged("b", "LOGIN ann@example.com x"));
            assertEquals("c BAD SELECT needs a login first (LOGIN or AUTHENTICATE)", c.tagged("c", "SELECT INBOX"));
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrderAndLogoutCloses() throws IOException {
        try (ImapClient c = server.connect()) {
            c.line();
            c.send("a NOOP\r\nb LOGIN joe@example.com secret\r\nc ID NIL\r\nd ENABLE CONDSTORE\r\ne LOGOUT\r\nf NOOP\r\n");
            assertEquals(List.of("a OK NOOP completed",
                    "b OK [CAPABILITY " + LOGGED_IN_CAPABILITIES + "] Logged in",
                    "* ID (\"name\" \"storemulti\" \"version\" \"0.1-test\")", "c OK ID completed",
                    "* ENABLED CONDSTORE", "d OK ENABLE completed",
                    "* BYE storemulti IMAP logging out", "e OK LOGOUT completed"), c.untilClosed());
        }
    }

    @Test
    void selectedStateCommandsNeedASelectionAndUnknownOnesAreBad() throws IOException {
        try (ImapClient c = server.connect()) {
            c.line();
            c.login();
            assertEquals("c BAD UID FETCH needs a selected mailbox (SELECT or EXAMINE first)",
                    c.tagged("c", "UID FETCH 1:* (FLAGS)"));
            assertEquals("d BAD unknown command XYZZY", c.tagged("d", "XYZZY"));
            assertEquals("e BAD LOGIN is only valid before login", c.tagged("e", "LOGIN a b"));
            assertEquals("f NO invalid mailbox name \"&AGE-\": printable ASCII 'a' encoded (it must stand for itself)"
                    + " at octet 3", c.tagged("f", "CREATE &AGE-"));
        }
    }

    @Test
    void literalsCarryEightBitOctetsAndNulAndAreFullyConsumed() throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes("Subject: caf\u00e9\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        message.write(0);
        message.writeBytes(new byte[] {(byte) 0xff, (byte) 0x80, '\r', '\n', '\n', '\r'});
        byte[] body = message.toByteArray();
        try (ImapClient c = server.connect()) {
            c.line();
            c.login();
            c.send("a APPEND INBOX (\\Seen) {" + body.length + "+}\r\n").send(body).send(" {3+}\r\n\0\0\0\r\n");
            assertTrue(c.line().matches("a OK \\[APPENDUID \\d+ 1:2\\] APPEND completed"));
            assertEquals("b OK [READ-ONLY] EXAMINE completed", c.command("b", "EXAMINE INBOX").stream()
                    .filter(l -> l.startsWith("b ")).findFirst().orElseThrow());
            c.send("x FETCH 1:2 BODY.PEEK[]\r\n");
            assertEquals("* 1 FETCH (BODY[] {" + body.length + "}", c.line().replaceFirst("UID \\d+ ", ""));
            assertEquals(new String(body, StandardCharsets.ISO_8859_1), new String(c.octets(body.length),
                    StandardCharsets.ISO_8859_1));
            c.line();
            assertEquals("* 2 FETCH (BODY[] {3}", c.line());
            assertEquals("\0\0\0)", new String(c.octets(4), StandardCharsets.ISO_8859_1));
            c.until("x");
            c.send("c LOGIN {3}\r\n");
            assertEquals("c BAD LOGIN is only valid before login", c.line());
        }
        assertTrue(TestServer.within(Duration.ofSeconds(5), () -> spoolFiles() == 0));
    }

    @Test
    void anOverlongLineIsRefusedAndTheNextCommandIsServed() throws IOException {
        try (ImapClient c = server.connect()) {
            c.line();
            c.send("a NOOP " + "x".repeat(200_000) + "\r\n");
            assertEquals("a BAD [TOOBIG] command line longer than 65536 octets; the rest is ignored", c.line());
            assertEquals("b OK NOOP completed", c.tagged("b", "NOOP"));
        }
    }

    @Test
    void aLiteralOverTheLimitIsRefusedBeforeTheClientSendsIt() throws IOException {
        try (ImapClient c = server.connect()) {
            c.line();
            c.send("a LOGIN {100000}\r\n");
            assertEquals("a NO [TOOBIG] a literal of 100000 octets is larger than the limit of 65536", c.line());
            c.login();
            c.send("b APPEND INBOX {20000000}\r\n");
            assertEquals("b NO [TOOBIG] a message of 20000000 octets is larger than the limit of 10240000", c.line());
            c.send("c APPEND INBOX {10240001+}\r\n");
            assertEquals("c BAD [TOOBIG] a message of 10240001 octets is larger than the limit of 10240000", c.line());
            c.send(new byte[10_240_001]).send("\r\n");
            assertEquals("d OK NOOP completed", c.tagged("d", "NOOP"));
            c.send("e APPEND INBOX {20480001+}\r\n");
            assertEquals(List.of("e BAD [TOOBIG] a message of 20480001 octets is larger than the limit of 10240000",
                    "* BYE [TOOBIG] a literal of 20480001 octets was refused; closing"), c.untilClosed());
        }
    }

    @Test
    void aClientThatDisconnectsMidLiteralLeavesNothingBehind() throws IOException {
        try (ImapClient c = server.connect()) {
            c.line();
            c.login();
            c.send("a APPEND INBOX {5000000}\r\n");
            assertEquals("+ Ready for literal data", c.line());
            c.send(new byte[300_000]);
            assertTrue(TestServer.within(Duration.ofSeconds(5), () -> spoolFiles() == 1));
        }
        assertTrue(TestServer.within(Duration.ofSeconds(5), () -> spoolFiles() == 0 && server.server().connections() == 0));
    }

    private long spoolFiles() {
        try (Stream<Path> files = Files.list(server.settings().spoolDirectory())) {
            return files.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void idleWaitsForDone() throws IOException {
        try (ImapClient c = server.connect()) {
            c.line();
            c.login();
            c.send("a IDLE\r\n");
            assertEquals("+ idling", c.line());
            c.send("DONE\r\n");
            assertEquals("a OK IDLE terminated", c.line());
            c.send("b IDLE\r\n");
            assertEquals("+ idling", c.line());
            c.send("c NOOP\r\n");
            assertEquals("b BAD expected DONE to end IDLE", c.line());
        }
    }

    @Test
    void authenticatePlainAndLoginWithAndWithoutAnInitialResponse() throws IOException {
        String plain = Base64.getEncoder().encodeToString("\0joe@example.com\0secret".getBytes(StandardCharsets.US_ASCII));
        try (ImapClient c = server.connect()) {
            c.line();
            assertEquals("a OK [CAPABILITY " + LOGGED_IN_CAPABILITIES + "] Logged in",
                    c.tagged("a", "AUTHENTICATE PLAIN " + plain));
        }
        try (ImapClient c = server.connect()) {
            c.line();
            c.send("a AUTHENTICATE PLAIN\r\n");
            assertEquals("+ ", c.line());
            c.send("*\r\n");
            assertEquals("a BAD AUTHENTICATE cancelled", c.line());
            c.send("b AUTHENTICATE LOGIN\r\n");
            assertEquals("+ VXNlcm5hbWU6", c.line());
            c.send(Base64.getEncoder().encodeToString(TestServer.USER.getBytes(StandardCharsets.US_ASCII)) + "\r\n");
            assertEquals("+ UGFzc3dvcmQ6", c.line());
            c.send("c2VjcmV0\r\n");
            assertEquals("b OK [CAPABILITY " + LOGGED_IN_CAPABILITIES + "] Logged in", c.line());
        }
        try (ImapClient c = server.connect()) {
            c.line();
            assertEquals("a NO unsupported authentication mechanism CRAM-MD5 (offered: PLAIN LOGIN)",
                    c.tagged("a", "AUTHENTICATE CRAM-MD5"));
            assertEquals("b BAD the response is not BASE64: Illegal base64 character 21",
                    c.tagged("b", "AUTHENTICATE PLAIN !!!!"));
            String other = Base64.getEncoder().encodeToString("ann\0joe@example.com\0secret".getBytes(StandardCharsets.US_ASCII));
            assertEquals("c NO [AUTHORIZATIONFAILED] logging in as another user is not supported",
                    c.tagged("c", "AUTHENTICATE PLAIN " + other));
        }
    }

    @Test
    void theServerSaysByeAndClosesWhenItStops() throws IOException {
        try (ImapClient idle = server.connect(); ImapClient idling = server.connect()) {
            idle.line();
            idling.line();
            idling.login();
            idling.send("a IDLE\r\n");
            assertEquals("+ idling", idling.line());
            server.server().stop(Duration.ofSeconds(5));
            assertEquals(List.of("* BYE [UNAVAILABLE] Server shutting down"), idle.untilClosed());
            assertEquals(List.of("* BYE [UNAVAILABLE] Server shutting down"), idling.untilClosed());
        }
    }

    @Test
    void noConnectionIsLeftWhenClientsGoAway() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ImapClient c = server.connect()) {
                c.line();
                if (i % 2 == 0) {
                    c.send("a LOGIN {5}\r\n");
                }
            }
        }
        assertTrue(TestServer.within(Duration.ofSeconds(5), () -> server.server().connections() == 0));
        assertNull(null);
    }
}
