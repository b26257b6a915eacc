package org.storemulti.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.storemulti.lmtp.LmtpClient;
import org.storemulti.queue.QueueProbe;
import org.storemulti.store.Store;

/**
 * The delivery log of a real daemon ({@code storectl start}, its own daemon_log_file): one
 * line per recipient, under the LMTP session's ID or the queue ID, with the mailbox, the
 * size, the enhanced status code and the status: delivered, deferred with its cause,
 * refused (LMTP), held (the queue).
 */
@Timeout(120)
class DeliveryLogEndToEndTest {

    private static final String STAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d ";

    private DaemonUnderTest daemon;

    @BeforeEach
    void start() throws IOException {
        daemon = DaemonUnderTest.create();
        Files.writeString(daemon.configDirectory().resolve("main.cf"), "quota_full_temporary = yes\n",
                StandardOpenOption.APPEND);
        try (Store store = Store.open(daemon.dataDirectory())) {
            store.domains().add("example.com");
            store.mailboxes().addUser("example.com", "joe");
            store.mailboxes().addUser("example.com", "ann");
            store.quotas().setUser("example.com", "ann", 1);
        }
        daemon.start();
    }

    @AfterEach
    void stop() throws IOException {
        daemon.close();
    }

    private static String body(int bytes) {
        return "Subject: log\r\n\r\n" + ("y".repeat(70) + "\r\n").repeat(bytes / 72) + ".\r\n";
    }

    @Test
    void eachRecipientOfAnLmtpTransactionGetsOneLineUnderTheSessionId() throws Exception {
        try (LmtpClient lmtp = new LmtpClient(UnixDomainSocketAddress.of(daemon.unixSocket()))) {
            lmtp.greet();
            lmtp.send("MAIL FROM:<s@example.org>\r\nRCPT TO:<joe@example.com>\r\nRCPT TO:<nobody@example.com>\r\n"
                    + "RCPT TO:<ann@example.com>\r\nDATA\r\n");
            List<String> replies = List.of(lmtp.reply(), lmtp.reply(), lmtp.reply(), lmtp.reply(), lmtp.reply());
            assertEquals("550 5.1.1 <nobody@example.com>: no such user", replies.get(2));
            lmtp.send(body(3000));
            assertTrue(lmtp.reply().startsWith("250 2.0.0 <joe@example.com> delivered, uid 1"));
            assertEquals("452 4.2.2 <ann@example.com>: mailbox over quota, try again later", lmtp.reply());
        }
        String pid = Long.toString(daemon.pid());

        String refused = line(STAMP + "store/lmtp\\[" + pid + "\\]: info: ([0-9A-F]{12}): to=<nobody@example.com>, "
                + "dsn=5\\.1\\.1, status=refused \\(550 5\\.1\\.1 <nobody@example.com>: no such user; "
                + "cause: no such user: nobody@example.com\\)");
        String session = group(refused);
        Matcher delivered = Pattern.compile(STAMP + "store/lmtp\\[" + pid + "\\]: info: " + session
                + ": to=<joe@example.com>, mailbox=user/joe/INBOX, size=(\\d+), dsn=2\\.0\\.0, "
                + "status=delivered \\(250 2\\.0\\.0 <joe@example.com> delivered, uid 1\\)").matcher(line(
                        STAMP + "store/lmtp\\[" + pid + "\\]: info: " + session + ": to=<joe@example.com>, .*"));
        assertTrue(delivered.matches());
        try (Store store = Store.open(daemon.dataDirectory())) {
            assertEquals(store.messages().list("example.com", "user/joe/INBOX").get(0).size(),
                    Long.parseLong(delivered.group(1)), "size= is the size stored");
        }
        line(STAMP + "store/lmtp\\[" + pid + "\\]: warning: " + session + ": to=<ann@example.com>, mailbox=user/ann/INBOX, "
                + "size=\\d+, dsn=4\\.2\\.2, status=deferred \\(452 4\\.2\\.2 <ann@example.com>: mailbox over quota, "
                + "try again later; cause: quota of 1 KB on .*\\)");
    }

    @Test
    void theQueueManagerLogsEachRecipientUnderTheQueueIdDeliveredOrHeld() throws Exception {
        QueueProbe queue = new QueueProbe(daemon.configDirectory().resolve("q"), Clock.systemUTC());
        byte[] message = "Subject: queued\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
        String toJoe = queue.inject("s@example.org", List.of("joe@example.com"), message);
        String toNobody = queue.inject("s@example.org", List.of("nobody@example.com"), message);
        String pid = Long.toString(daemon.pid());

        line(STAMP + "store/queue\\[" + pid + "\\]: info: " + toJoe + ": to=<joe@example.com>, mailbox=user/joe/INBOX, "
                + "size=\\d+, dsn=2\\.0\\.0, status=delivered \\(250 2\\.0\\.0 <joe@example.com> delivered, uid 1\\)");
        line(STAMP + "store/queue\\[" + pid + "\\]: info: " + toJoe + ": removed");
        line(STAMP + "store/queue\\[" + pid + "\\]: info: " + toNobody + ": to=<nobody@example.com>, size=\\d+, "
                + "dsn=5\\.1\\.1, status=held \\(550 5\\.1\\.1 <nobody@example.com>: no such user; "
                + "cause: no such user: nobody@example.com\\)");
        line(STAMP + "store/queue\\[" + pid + "\\]: warning: " + toNobody + ": held: nobody@example.com: 550 5\\.1\\.1 "
                + "<nobody@example.com>: no such user; release it once the recipient exists: storeadm queue release "
                + toNobody);
    }

    /** The first line of the daemon log matching {@code regex}, waited for (the queue works on its own time). */
    private String line(String regex) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (String line : daemon.log().lines().toList()) {
                if (pattern.matcher(line).matches()) {
                    return line;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line matching\n" + regex + "\nin the daemon log:\n" + daemon.log());
    }

    private static String group(String refusedLine) {
        Matcher m = Pattern.compile(".*: info: ([0-9A-F]{12}): .*").matcher(refusedLine);
        assertTrue(m.matches());
        return m.group(1);
    }
}
