package org.storemulti.imapd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.storemulti.lmtp.LmtpClient;

/**
 * In the real daemon, a delivery over its LMTP socket reaches an IMAP client idling on the
 * INBOX as EXISTS, through the store's change feed in the same process: no poll, no command
 * from the client. (The latency itself is measured by bench/imap.sh, not here.)
 */
@Timeout(120)
class ImapIdleDeliveryTest {

    private ImapDaemon daemon;

    @AfterEach
    void stop() throws IOException {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void anLmtpDeliveryWakesAnIdlingSessionWithExists() throws Exception {
        daemon = ImapDaemon.create();
        daemon.start();
        try (ImapLines joe = ImapLines.greeted(daemon.address());
                LmtpClient lmtp = new LmtpClient(UnixDomainSocketAddress.of(daemon.root().resolve("q/private/lmtp")))) {
            assertTrue(joe.tagged("a", "LOGIN joe@example.com \"joe's secret\"").startsWith("a OK "));
            assertTrue(joe.command("s", "SELECT INBOX").contains("* 0 EXISTS"));
            joe.send("i IDLE\r\n");
            assertEquals("+ idling", joe.line());
            lmtp.greet();
            for (int n = 1; n <= 2; n++) {
                lmtp.send("MAIL FROM:<s@example.org>\r\nRCPT TO:<joe@example.com>\r\nDATA\r\n");
                assertTrue(lmtp.reply().startsWith("250"));
                assertTrue(lmtp.reply().startsWith("250"));
                assertTrue(lmtp.reply().startsWith("354"));
                lmtp.send("Subject: idle " + n + "\r\n\r\nhello\r\n.\r\n");
                assertTrue(lmtp.reply().startsWith("250"));
                assertEquals("* " + n + " EXISTS", joe.line());
                assertEquals("* " + n + " RECENT", joe.line());
            }
            joe.send("DONE\r\n");
            assertEquals("i OK IDLE terminated", joe.line());
            assertTrue(joe.command("f", "FETCH 2 BODY.PEEK[HEADER.FIELDS (Subject)]").get(0).startsWith("* 2 FETCH ("));
        }
    }
}
