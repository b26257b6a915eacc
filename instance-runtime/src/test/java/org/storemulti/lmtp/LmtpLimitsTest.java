package org.storemulti.lmtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.storemulti.log.LogLines;

/**
 * Limits and deadlines over a real loopback socket: SIZE syntax, deadlines per line and
 * for the whole message text, sessions per client address, shedding the longest idle
 * session, and new limits for sessions that start after a reconfiguration.
 */
class LmtpLimitsTest {

    private final LmtpServerTest.RecordingDrop drop = new LmtpServerTest.RecordingDrop();
    private LmtpServer server;

    private static LmtpLimits limits(Duration record, Duration data, int sessions, int perClient) {
        return new LmtpLimits(10_000, record, data, sessions, perClient, 1000, 2048);
    }

    private SocketAddress start(LmtpLimits limits) throws IOException {
        server = new LmtpServer(Endpoint.parseAll("lmtp_listen", "inet:127.0.0.1:0"), drop, limits, "mx.test", new LogLines().log("lmtp"));
        server.start();
        return server.boundAddresses().get(0);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ZERO);
        }
    }

    @Test
    void aSizeThatIsNotDigitsIsASyntaxErrorAndOneTooLargeForANumberExceedsTheLimit() throws IOException {
        try (LmtpClient c = LmtpServerTest.greetedAnyhow(start(limits(Duration.ofSeconds(30), Duration.ofMinutes(1), 4, 0)))) {
            for (String bad : List.of("-1", "+5", "", "1e3", "0x10")) {
                c.send("MAIL FROM:<s@x> SIZE=" + bad + "\r\n");
                assertEquals("501 5.5.4 Bad SIZE parameter", c.reply(), "SIZE=" + bad);
            }
            c.send("MAIL FROM:<s@x> SIZE=99999999999999999999\r\n");
            assertEquals("552 5.3.4 Message size exceeds fixed limit", c.reply());
            c.send("MAIL FROM:<s@x> SIZE=10000\r\n");
            assertEquals("250 2.1.0 Ok", c.reply());
        }
    }

    @Test
    void aClientTricklingBytesInsideDataIsCutWhenItsLineDeadlinePasses() throws Exception {
        SocketAddress address = start(limits(Duration.ofMillis(500), Duration.ofMinutes(10), 4, 0));
        long elapsed = cutAfter(address, "x", Duration.ofMillis(50), "421 4.4.2 Timeout: closing connection");
        assertTrue(elapsed >= 400 && elapsed < 5_000, "cut after " + elapsed + " ms, one line's deadline is 500 ms");
        assertEquals(List.of(), drop.delivered);
    }

    @Test
    void aClientSendingLinesSlowlyIsCutWhenTheMessageTextOutlastsItsDeadline() throws Exception {
        SocketAddress address = start(limits(Duration.ofSeconds(30), Duration.ofMillis(700), 4, 0));
        long elapsed = cutAfter(address, "line\r\n", Duration.ofMillis(100),
                "421 4.4.2 Timeout: message text took longer than lmtp_data_timeout, closing connection");
        assertTrue(elapsed >= 600 && elapsed < 5_000, "cut after " + elapsed + " ms, the text's deadline is 700 ms");
        assertEquals(List.of(), drop.delivered);
    }

    /**
     * Starts a message, then sends {@code piece} every {@code pause} until the server cuts
     * the session; checks it said {@code reply} and returns how long after the 354 it did, in ms.
     */
    private static long cutAfter(SocketAddress address, String piece, Duration pause, String reply) throws Exception {
        try (LmtpClient c = LmtpServerTest.greetedAnyhow(address)) {
            c.send("MAIL FROM:<s@x>\r\nRCPT TO:<a@example.com>\r\nDATA\r\n");
            c.reply();
            c.reply();
            assertEquals("354 End data with <CR><LF>.<CR><LF>", c.reply());
            long started = System.nanoTime();
            Thread trickle = trickle(c, piece, pause);
            assertEquals(reply, c.reply());
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            trickle.join(5_000);
            return elapsed;
        }
    }

    /** Sends {@code piece} every {@code pause} for ten seconds or until the connection breaks (a slow client's pace). */
    private static Thread trickle(LmtpClient c, String piece, Duration pause) {
        Thread thread = new Thread(() -> {
            try {
                long end = System.nanoTime() + 10_000_000_000L; // then stop, so a server that never cuts fails, not hangs
                while (System.nanoTime() < end) {
                    c.send(piece);
                    Thread.sleep(pause.toMillis());
                }
            } catch (IOException | InterruptedException e) {
                // the server closed the connection: the slow client is done
            }
        }, "slow-client");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Test
    void aClientThatSendsCommandsButNeverReadsTheRepliesIsCutAndItsPlaceFreed() throws Exception {
        SocketAddress address = start(limits(Duration.ofMillis(500), Duration.ofMinutes(10), 4, 0));
        LmtpClient deaf = new LmtpClient(address);
        Thread flood = new Thread(() -> {
            String noops = "NOOP\r\n".repeat(10_000);
            try {
                for (int i = 0; i < 1_000; i++) { // up to 60 MB: far more replies than socket buffers hold
                    deaf.send(noops);
                }
            } catch (IOException e) {
                // the server has closed the connection
            }
        }, "deaf-client");
        flood.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.sessionCount() > 0 || flood.isAlive()) {
            assertTrue(System.nanoTime() < deadline, "a session blocked writing replies is still live after 10 s");
            Thread.sleep(20);
        }
        deaf.close();
        try (LmtpClient next = LmtpServerTest.greetedAnyhow(address)) {
            next.send("QUIT\r\n");
            assertEquals("221 2.0.0 Bye", next.reply(), "the server is not stuck on it");
        }
    }

    @Test
    void oneClientAddressGetsNoMoreThanItsSessionLimit() throws IOException {
        SocketAddress address = start(limits(Duration.ofSeconds(30), Duration.ofMinutes(1), 10, 2));
        try (LmtpClient first = LmtpServerTest.greetedAnyhow(address); LmtpClient second = LmtpServerTest.greetedAnyhow(address);
                LmtpClient third = new LmtpClient(address)) {
            assertEquals("421 4.7.0 Error: too many connections from 127.0.0.1", third.reply());
            assertEquals("<EOF>", third.reply());
            first.send("NOOP\r\n");
            assertEquals("250 2.0.0 Ok", first.reply(), "the sessions already there are untouched");
        }
    }

    @Test
    void theSessionIdleLongestIsShedToAdmitANewClientAndBusySessionsAreNot() throws IOException {
        SocketAddress address = start(limits(Duration.ofSeconds(30), Duration.ofMinutes(1), 3, 0));
        try (LmtpClient oldest = LmtpServerTest.greetedAnyhow(address); LmtpClient newer = LmtpServerTest.greetedAnyhow(address);
                LmtpClient busy = LmtpServerTest.greetedAnyhow(address)) {
            busy.send("MAIL FROM:<s@x>\r\n");
            assertEquals("250 2.1.0 Ok", busy.reply());
            newer.send("NOOP\r\n");
            assertEquals("250 2.0.0 Ok", newer.reply(), "newer is now the one that spoke last");
            try (LmtpClient arriving = new LmtpClient(address)) {
                assertEquals("421 4.3.2 Too many sessions: closing the session idle longest", oldest.reply());
                assertEquals("220 mx.test LMTP storemulti ready", arriving.reply());
                newer.send("MAIL FROM:<s@x>\r\n");
                assertEquals("250 2.1.0 Ok", newer.reply());
                arriving.send("LHLO c\r\nMAIL FROM:<s@x>\r\n");
                arriving.reply();
                assertEquals("250 2.1.0 Ok", arriving.reply());
                try (LmtpClient refused = new LmtpClient(address)) {
                    assertEquals("421 4.3.2 Too many sessions, try again later", refused.reply(),
                            "every session is in a transaction: none is shed");
                }
                busy.send("RCPT TO:<a@example.com>\r\n");
                assertEquals("250 2.1.5 Ok", busy.reply(), "busy sessions keep going");
            }
        }
    }

    @Test
    void newLimitsApplyToSessionsThatStartAfterAReconfiguration() throws Exception {
        SocketAddress address = start(limits(Duration.ofSeconds(30), Duration.ofMinutes(1), 10, 0));
        try (LmtpClient before = LmtpServerTest.greetedAnyhow(address)) {
            server.reconfigure(new LmtpLimits(500, Duration.ofMillis(400), Duration.ofMinutes(1), 10, 0, 1000, 2048),
                    "mx2.test", drop);
            try (LmtpClient after = new LmtpClient(address)) {
                assertEquals("220 mx2.test LMTP storemulti ready", after.reply());
                after.send("LHLO c\r\n");
                assertEquals("250-mx2.test|250-PIPELINING|250-ENHANCEDSTATUSCODES|250-8BITMIME|250 SIZE 500", after.reply());
                after.send("MAIL FROM:<s@x> SIZE=600\r\n");
                assertEquals("552 5.3.4 Message size exceeds fixed limit", after.reply());
                long started = System.nanoTime();
                assertEquals("421 4.4.2 Timeout: closing connection", after.reply());
                assertTrue(System.nanoTime() - started < 5_000_000_000L, "the new 400 ms deadline applies");
            }
            before.send("LHLO c\r\n");
            assertEquals("250-mx.test|250-PIPELINING|250-ENHANCEDSTATUSCODES|250-8BITMIME|250 SIZE 10000", before.reply(),
                    "a session keeps the limits it started with");
        }
    }
}
