package org.storemulti.lmtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
        public Reply checkRecipient(String recipient) {
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

    /** A plain line client, as a test of the wire should use. */
    static final class Client implements AutoCloseable {
        final SocketChannel channel;
        final BufferedReader in;
        final OutputStream out;

        Client(SocketAddress address) throws IOException {
            channel = SocketChannel.open(address);
            in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            out = Channels.newOutputStream(channel);
        }

        void send(String raw) throws IOException {
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** One reply, multi-line replies joined by "|". */
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

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private final RecordingDrop drop = new RecordingDrop();
    private LmtpServer server;

    private SocketAddress start(LmtpLimits limits, String endpoint) throws IOException {
        server = new LmtpServer(Endpoint.parseAll("lmtp_listen", endpoint), drop, limits, "mx.test", m -> { });
        server.start();
        return server.boundAddresses().get(0);
    }

    private SocketAddress start() throws IOException {
        return start(new LmtpLimits(10_000, Duration.ofSeconds(30), 4, 1000, 2048), "inet:127.0.0.1:0");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ZERO);
        }
    }

    private static Client greeted(SocketAddress address) throws IOException {
        Client c = new Client(address);
        assertEquals("220 mx.test LMTP storemulti ready", c.reply());
        c.send("LHLO client.test\r\n");
        assertEquals("250-mx.test|250-PIPELINING|250-ENHANCEDSTATUSCODES|250-8BITMIME|250 SIZE 10000", c.reply());
        return c;
    }

    @Test
    void eachAcceptedRecipientGetsItsOwnReplyAfterData() throws IOException {
        try (Client c = greeted(start())) {
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
        try (Client c = greeted(start())) {
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
        try (Client c = greeted(start())) {
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
        try (Client c = greeted(start())) {
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
        try (Client c = greeted(start())) {
            c.send("MAIL FROM:<s@x>\r\nRCPT TO:<a@example.com>\r\nDATA\r\n");
            c.reply();
            c.reply();
            c.reply();
            c.send("Subject: half\r\n\r\npartial body without the final dot\r\n");
        }
        Thread.sleep(200);
        assertEquals(List.of(), drop.delivered);
    }

    @Test
    void aMessageOverTheMemoryForBodiesInFlightIsDeferredAndTheMemoryComesBack() throws IOException {
        server = new LmtpServer(Endpoint.parseAll("lmtp_listen", "inet:127.0.0.1:0"), drop,
                new LmtpLimits(10_000_000, Duration.ofSeconds(30), 4, 10, 2048), "mx.test", m -> { },
                new MessageMemory(256 * 1024));
        server.start();
        try (Client c = new Client(server.boundAddresses().get(0))) {
            c.reply();
            c.send("LHLO client.test\r\nMAIL FROM:<s@x>\r\nRCPT TO:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n");
            for (int i = 0; i < 5; i++) {
                c.reply();
            }
            c.send(("x".repeat(998) + "\r\n").repeat(300) + ".\r\n");
            assertEquals("452 4.3.1 Insufficient system storage", c.reply());
            assertEquals("452 4.3.1 Insufficient system storage", c.reply());
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
        SocketAddress address = start(new LmtpLimits(1_000_000, Duration.ofSeconds(30), 4, 10, 2048), "inet:127.0.0.1:0");
        String longLine = "y".repeat(100_000);
        try (Client c = new Client(address)) {
            c.reply();
            c.send("LHLO client.test\r\nMAIL FROM:<s@x>\r\nRCPT TO:<a@example.com>\r\nDATA\r\n");
            for (int i = 0; i < 4; i++) {
                c.reply();
            }
            c.send("Subject: long\r\n\r\n" + longLine + "\r\nsplit\r");
            Thread.sleep(100);
            c.send("\n..dot\r\nbare\n.");
            Thread.sleep(100);
            c.send("\r\n");
            assertEquals("250 2.0.0 <a@example.com> delivered", c.reply());
        }
        assertEquals(List.of("a@example.com\nReturn-Path: <s@x>\r\nDelivered-To: a@example.com\r\nSubject: long\r\n\r\n"
                + longLine + "\r\nsplit\r\n.dot\r\nbare\r\n"), drop.delivered);
    }

    @Test
    void aThousandRecipientsAreAcceptedAndTheNextIsDeferred() throws IOException {
        try (Client c = greeted(start())) {
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
        try (Client c = new Client(start())) {
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
        SocketAddress address = start(new LmtpLimits(0, Duration.ofMillis(300), 4, 10, 2048), "inet:127.0.0.1:0");
        try (Client c = new Client(address)) {
            c.reply();
            assertEquals("421 4.4.2 Timeout: closing connection", c.reply());
            assertEquals("<EOF>", c.reply());
        }
    }

    @Test
    void clientsOverTheSessionLimitAreToldToComeBack() throws Exception {
        SocketAddress address = start(new LmtpLimits(0, Duration.ofSeconds(30), 1, 10, 2048), "inet:127.0.0.1:0");
        try (Client first = new Client(address); Client second = new Client(address)) {
            assertEquals("220 mx.test LMTP storemulti ready", first.reply());
            assertEquals("421 4.3.2 Too many sessions, try again later", second.reply());
        }
    }

    @Test
    void aGracefulStopClosesIdleSessionsAtOnceAndLetsTransactionsFinish() throws Exception {
        SocketAddress address = start();
        try (Client idle = greeted(address); Client busy = greeted(address)) {
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
        SocketAddress address = start(new LmtpLimits(10_000, Duration.ofSeconds(30), 4, 10, 2048), "unix:" + socket);
        try (Client c = greeted(address)) {
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
