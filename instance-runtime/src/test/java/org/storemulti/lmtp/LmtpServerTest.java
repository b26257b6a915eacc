package org.storemulti.lmtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.storemulti.log.LogLines;

/**
 * The protocol over real sockets (TCP on loopback and a UNIX socket). The MailDrop here
 * records what it is given: the protocol is what is under test; delivery into the real
 * store is tested end to end with the daemon.
 */
class LmtpServerTest {

    /** Accepts {@code *@example.com} except {@code nobody@}, keeps every delivered message. */
    static final class RecordingDrop implements MailDrop {
        final List<String> delivered = new CopyOnWriteArrayList<>();

        @Override
        public Reply checkRecipient(String id, String recipient) {
            return recipient.endsWith("@example.com") && !recipient.startsWith("nobody@")
                    ? Reply.OK : new Reply(550, "5.1.1", "<" + recipient + ">: no such user");
        }

        @Override
        public List<Reply> deliver(Envelope envelope, byte[] message) {
            List<Reply> replies = new ArrayList<>();
            for (String r : envelope.recipients()) {
                delivered.add(r + "\n" + new String(message, StandardCharsets.UTF_8));
                replies.add(Reply.ok("2.0.0", "<" + r + "> delivered"));
            }
            return replies;
        }
    }

    private final RecordingDrop drop = new RecordingDrop();
    private final LogLines log = new LogLines();
    private LmtpServer server;

    private SocketAddress start(LmtpLimits limits, String endpoint) throws IOException {
        server = new LmtpServer(Endpoint.parseAll("lmtp_listen", endpoint), drop, limits, "mx.test", log.log("lmtp"));
        server.start();
        return server.boundAddresses().get(0);
    }

    private SocketAddress start() throws IOException {
        return start(new LmtpLimits(10_000, Duration.ofSeconds(30), Duration.ofMinutes(10), 4, 0, 1000, 2048), "inet:127.0.0.1:0");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ZERO);
        }
    }

    private static LmtpClient greeted(SocketAddress address) throws IOException {
        LmtpClient c = new LmtpClient(address);
        assertEquals("220 mx.test LMTP storemulti ready", c.reply());
        c.send("LHLO client.test\r\n");
        assertEquals("250-mx.test|250-PIPELINING|250-ENHANCEDSTATUSCODES|250-8BITMIME|250 SIZE 10000", c.reply());
        return c;
    }

    /** A client that has been greeted by a server of any name and size limit. */
    static LmtpClient greetedAnyhow(SocketAddress address) throws IOException {
        LmtpClient c = new LmtpClient(address);
        assertTrue(c.greet().matches("220 .*\\|250-.*"));
        return c;
    }

    @Test
    void eachAcceptedRecipientGetsItsOwnReplyAfterData() throws IOException {
        try (LmtpClient c = greeted(start())) {
            c.send("MAIL FROM:<sender@example.org> BODY=8BITMIME SIZE=100\r\n");
            assertEquals("250 2.1.0 Ok", c.reply());
            c.send("RCPT TO:<a@example.com>\r\n");
            assertEquals("250 2.1.5 Ok", c.reply());
            c.send("RCPT TO:<nobody@example.com>\r\n");
            assertEquals("550 5.1.1 <nobody@example.com>: no such user", c.reply());
            c.send("RCPT TO:<b@example.com>\r\n");
            assertEquals("250 2.1.5 Ok", c.reply());
            c.send("DATA\r\n");
            assertEquals("354 End data with <CR><LF>.<CR><LF>", c.reply());
            c.send("Subject: hi\r\n\r\nbody\r\n.\r\n");
            assertEquals("250 2.0.0 <a@example.com> delivered", c.reply());
            assertEquals("250 2.0.0 <b@example.com> delivered", c.reply());
            c.send("QUIT\r\n");
            assertEquals("221 2.0.0 Bye", c.reply());
        }
        assertEquals(List.of(
                "a@example.com\nReturn-Path: <sender@example.org>\r\nSubject: hi\r\n\r\nbody\r\n",
                "b@example.com\nReturn-Path: <sender@example.org>\r\nSubject: hi\r\n\r\nbody\r\n"), drop.delivered);
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws IOException {
        try (LmtpClient c = greeted(start())) {
            c.send("MAIL FROM:<>\r\nRCPT TO:<a@example.com>\r\nDATA\r\n");
            assertEquals("250 2.1.0 Ok", c.reply());
            assertEquals("250 2.1.5 Ok", c.reply());
            assertEquals("354 End data with <CR><LF>.<CR><LF>", c.reply());
            c.send("x\r\n.\r\nRSET\r\nNOOP\r\nVRFY a\r\nQUIT\r\n");
            assertEquals("250 2.0.0 <a@example.com> delivered", c.reply());
            assertEquals("250 2.0.0 Ok", c.reply());
            assertEquals("250 2.0.0 Ok", c.reply());
            assertTrue(c.reply().startsWith("252 2.5.2"));
            assertEquals("221 2.0.0 Bye", c.reply());
        }
        assertEquals("a@example.com\nReturn-Path: <>\r\nDelivered-To: a@example.com\r\nx\r\n", drop.delivered.get(0));
    }

    @Test
    void dotsAreUnstuffedAndBareLineFeedsAccepted() throws IOException {
        try (LmtpClient c = greeted(start())) {
            c.send("MAIL FROM:<s@x>\nRCPT TO:<a@example.com>\nDATA\n");
            c.reply();
            c.reply();
            c.reply();
            c.send("..leading dot\n...\nend\n.\n");
            assertEquals("250 2.0.0 <a@example.com> delivered", c.reply());
        }
        assertTrue(drop.delivered.get(0).endsWith("\r\n.leading dot\r\n..\r\nend\r\n"), drop.delivered.get(0));
    }

    @Test
    void oversizeMessagesAreRefusedPerRecipientAndNotStored() throws IOException {
        try (LmtpClient c = greeted(start())) {
            c.send("MAIL FROM:<s@x> SIZE=20000\r\n");
            assertEquals("552 5.3.4 Message size exceeds fixed limit", c.reply());
            c.send("MAIL FROM:<s@x>\r\nRCPT TO:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n");
            c.reply();
            c.reply();
            c.reply();
            c.reply();
            c.send(("x".repeat(998) + "\r\n").repeat(11) + ".\r\n");
            assertEquals("552 5.3.4 Message size exceeds fixed limit", c.reply());
            assertEquals("552 5.3.4 Message size exceeds fixed limit", c.reply());
            c.send("NOOP\r\n");
            assertEquals("250 2.0.0 Ok", c.reply());
        }
        assertEquals(List.of(), drop.delivered);
    }

    @Test
    void aClientThatDisconnectsMidDataHasNothingStored() throws Exception {
        try (LmtpClient c = greeted(start())) {
            c.send("MAIL FROM:<s@x>\r\nRCPT TO:<a@example.com>\r\nDATA\r\n");
            c.reply();
            c.reply();
            c.reply();
            c.send("Subject: half\r\n\r\npartial body without the final dot\r\n");
        }
        awaitNoSessions();
        assertEquals(List.of(), drop.delivered, "the session has ended without handing anything to the drop");
    }

    /** Waits until every session has ended (the server has seen each client go), within a deadline. */
    private void awaitNoSessions() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.sessionCount() > 0) {
            assertTrue(System.nanoTime() < deadline, "sessions still live after 10 s: " + server.sessionCount());
            Thread.sleep(10);
        }
    }

    @Test
    void aMessageOverTheMemoryForBodiesInFlightIsDeferredAndTheMemoryComesBack() throws IOException {
        server = new LmtpServer(Endpoint.parseAll("lmtp_listen", "inet:127.0.0.1:0"), drop,
                new LmtpLimits(10_000_000, Duration.ofSeconds(30), Duration.ofMinutes(10), 4, 0, 10, 2048), "mx.test", log.log("lmtp"),
                new MessageMemory(256 * 1024));
        server.start();
        try (LmtpClient c = new LmtpClient(server.boundAddresses().get(0))) {
            c.reply();
            c.send("LHLO client.test\r\nMAIL FROM:<s@x>\r\nRCPT TO:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n");
            for (int i = 0; i < 5; i++) {
                c.reply();
            }
            c.send(("x".repeat(998) + "\r\n").repeat(300) + ".\r\n");
            assertEquals("452 4.3.1 Insufficient system storage", c.reply());
            assertEquals("452 4.3.1 Insufficient system storage", c.reply());
            assertEquals(2, log.lines().stream().filter(l -> l.matches("test/lmtp\\[1\\]: warning: [0-9A-F]{12}: "
                    + "to=<[ab]@example.com>, dsn=4.3.1, status=deferred \\(452 4.3.1 Insufficient system storage; "
                    + "cause: the message bodies in flight would exceed the 262144 bytes of heap LMTP may use "
                    + "\\(daemon_heap_limit\\)\\)")).count(), "each deferred recipient is logged with its cause: " + log.lines());
            for (int round = 0; round < 3; round++) {
                c.send("MAIL FROM:<s@x>\r\nRCPT TO:<a@example.com>\r\nDATA\r\n");
                c.reply();
                c.reply();
                c.reply();
                c.send(("x".repeat(998) + "\r\n").repeat(100) + ".\r\n");
                assertEquals("250 2.0.0 <a@example.com> delivered", c.reply());
            }
        }
        assertEquals(3, drop.delivered.size());
    }

    @Test
    void longLinesAndLineEndsSplitAcrossReadsArriveIntact() throws Exception {
        String longLine = "y".repeat(100_000);
        // one read per chunk, split inside a CRLF, before a stuffed dot and before the final CRLF
        List<String> chunks = List.of("LHLO client.test\r\nMAIL FROM:<s@x>\r\nRCPT TO:<a@example.com>\r\nDATA\r\n",
                "Subject: long\r\n\r\n" + longLine + "\r\nsplit\r", "\n..dot\r\nbare\n.", "\r\n", "QUIT\r\n");
        String replies = converse(chunks, new LmtpLimits(1_000_000, Duration.ofSeconds(30), Duration.ofMinutes(10), 4, 0,
                10, 2048));
        assertTrue(replies.endsWith("354 End data with <CR><LF>.<CR><LF>\r\n250 2.0.0 <a@example.com> delivered\r\n"
                + "221 2.0.0 Bye\r\n"), replies);
        assertEquals(List.of("a@example.com\nReturn-Path: <s@x>\r\nDelivered-To: a@example.com\r\nSubject: long\r\n\r\n"
                + longLine + "\r\nsplit\r\n.dot\r\nbare\r\n"), drop.delivered);
    }

    /**
     * Runs one session over input that arrives in exactly the given chunks, one per read,
     * so where reads split the text is fixed rather than left to TCP and timing.
     */
    private String converse(List<String> chunks, LmtpLimits limits) throws IOException {
        java.util.Iterator<byte[]> next = chunks.stream().map(c -> c.getBytes(StandardCharsets.UTF_8)).iterator();
        java.io.InputStream input = new java.io.InputStream() {
            private byte[] current = new byte[0];
            private int at;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (at == current.length) {
                    if (!next.hasNext()) {
                        return -1;
                    }
                    current = next.next();
                    at = 0;
                }
                int n = Math.min(length, current.length - at);
                System.arraycopy(current, at, buffer, offset, n);
                at += n;
                return n;
            }
        };
        java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
        new LmtpSession("T", new LineReader(input), output, drop, limits, "mx.test", new NoDeadlines(),
                new MessageMemory(64 << 20), new org.storemulti.log.MailLog(log.log("lmtp"))).run();
        return output.toString(StandardCharsets.UTF_8);
    }

    /** A session watch for sessions driven without a server: no deadlines. */
    private static final class NoDeadlines implements LmtpSession.Watch {
        @Override
        public void awaitingCommand() {
        }

        @Override
        public void working() {
        }

        @Override
        public void dataStarted() {
        }

        @Override
        public void lineEnded() {
        }

        @Override
        public void dataEnded() {
        }

        @Override
        public void storing(boolean busy) {
        }

        @Override
        public void transaction(boolean open) {
        }
    }

    @Test
    void aThousandRecipientsAreAcceptedAndTheNextIsDeferred() throws IOException {
        try (LmtpClient c = greeted(start())) {
            StringBuilder commands = new StringBuilder("MAIL FROM:<s@x>\r\n");
            for (int i = 0; i < 1001; i++) {
                commands.append("RCPT TO:<u").append(i).append("@example.com>\r\n");
            }
            c.send(commands.append("DATA\r\n").toString());
            assertEquals("250 2.1.0 Ok", c.reply());
            for (int i = 0; i < 1000; i++) {
                assertEquals("250 2.1.5 Ok", c.reply());
            }
            assertEquals("452 4.5.3 Error: too many recipients", c.reply());
            c.reply();
            c.send("hello\r\n.\r\n");
            for (int i = 0; i < 1000; i++) {
                assertEquals("250 2.0.0 <u" + i + "@example.com> delivered", c.reply());
            }
        }
        assertEquals(1000, drop.delivered.size());
    }

    @Test
    void sequenceAndSyntaxErrorsAreRefusedWithoutEndingTheSession() throws IOException {
        try (LmtpClient c = new LmtpClient(start())) {
            c.reply();
            c.send("MAIL FROM:<s@x>\r\n");
            assertEquals("503 5.5.1 Error: send LHLO first", c.reply());
            c.send("HELO x\r\n");
            assertEquals("500 5.5.1 Error: this is LMTP: use LHLO", c.reply());
            c.send("LHLO x\r\n");
            c.reply();
            c.send("RCPT TO:<a@example.com>\r\n");
            assertEquals("503 5.5.1 Error: need MAIL command", c.reply());
            c.send("DATA\r\n");
            assertEquals("503 5.5.1 Error: need MAIL command", c.reply());
            c.send("MAIL FROM:<s@x>\r\nDATA\r\n");
            c.reply();
            assertEquals("554 5.5.1 Error: no valid recipients", c.reply());
            c.send("MAIL FROM:<s@x>\r\n");
            assertEquals("503 5.5.1 Error: nested MAIL command", c.reply());
            c.send("BOGUS\r\n");
            assertEquals("500 5.5.2 Error: command not recognized", c.reply());
            c.send("NOOP " + "x".repeat(5000) + "\r\n");
            assertEquals("500 5.5.2 Error: line too long", c.reply());
            c.send("QUIT\r\n");
            assertEquals("221 2.0.0 Bye", c.reply());
        }
    }

    @Test
    void idleClientsAreToldAndDisconnected() throws Exception {
        SocketAddress address = start(new LmtpLimits(0, Duration.ofMillis(300), Duration.ofMinutes(10), 4, 0, 10, 2048), "inet:127.0.0.1:0");
        try (LmtpClient c = new LmtpClient(address)) {
            c.reply();
            assertEquals("421 4.4.2 Timeout: closing connection", c.reply());
            assertEquals("<EOF>", c.reply());
        }
    }

    @Test
    void clientsOverTheSessionLimitAreToldToComeBackWhenNoSessionIsIdle() throws Exception {
        SocketAddress address = start(new LmtpLimits(0, Duration.ofSeconds(30), Duration.ofMinutes(10), 1, 0, 10, 2048),
                "inet:127.0.0.1:0");
        try (LmtpClient first = greetedAnyhow(address)) {
            first.send("MAIL FROM:<s@x>\r\n");
            assertEquals("250 2.1.0 Ok", first.reply());
            try (LmtpClient second = new LmtpClient(address)) {
                assertEquals("421 4.3.2 Too many sessions, try again later", second.reply());
            }
        }
    }

    @Test
    void aGracefulStopClosesIdleSessionsAtOnceAndLetsTransactionsFinish() throws Exception {
        SocketAddress address = start();
        try (LmtpClient idle = greeted(address); LmtpClient busy = greeted(address)) {
            busy.send("MAIL FROM:<s@x>\r\nRCPT TO:<a@example.com>\r\nDATA\r\n");
            busy.reply();
            busy.reply();
            assertEquals("354 End data with <CR><LF>.<CR><LF>", busy.reply());
            busy.send("Subject: in flight\r\n\r\nhalf of it\r\n");
            long started = System.nanoTime();
            Thread stopper = new Thread(() -> server.stop(Duration.ofSeconds(20)));
            stopper.start();
            assertEquals("421 4.3.2 Service shutting down", idle.reply());
            assertTrue(System.nanoTime() - started < 2_000_000_000L, "an idle session is closed at once, not when the grace runs out");
            busy.send("the rest\r\n.\r\n");
            assertEquals("250 2.0.0 <a@example.com> delivered", busy.reply());
            assertEquals("421 4.3.2 Service shutting down", busy.reply());
            stopper.join(5000);
            assertTrue(System.nanoTime() - started < 5_000_000_000L, "stop returns once the transaction is done");
        }
        assertEquals(1, drop.delivered.size());
    }

    @Test
    void unixSocketsWorkAndAreRemovedOnStop() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "lm");
        Path socket = dir.resolve("lmtp");
        SocketAddress address = start(new LmtpLimits(10_000, Duration.ofSeconds(30), Duration.ofMinutes(10), 4, 0, 10, 2048), "unix:" + socket);
        try (LmtpClient c = greeted(address)) {
            c.send("QUIT\r\n");
            assertEquals("221 2.0.0 Bye", c.reply());
        }
        server.stop(Duration.ZERO);
        assertTrue(Files.notExists(socket));
        Files.delete(dir);
    }

    @Test
    void endpointsParseAndBadOnesNameTheParameter() {
        assertEquals(2, Endpoint.parseAll("lmtp_listen", "unix:/a/b, inet:127.0.0.1:24").size());
        assertEquals(new InetSocketAddress("127.0.0.1", 24), Endpoint.parse("x", "inet:127.0.0.1:24").address());
        for (String bad : new String[] {"tcp:1", "unix:rel", "inet:host", "inet:h:99999", "unix:/" + "x".repeat(120)}) {
            org.storemulti.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                    org.storemulti.config.ConfigException.class, () -> Endpoint.parse("lmtp_listen", bad));
            assertTrue(e.getMessage().startsWith("lmtp_listen: "), e.getMessage());
        }
    }
}
