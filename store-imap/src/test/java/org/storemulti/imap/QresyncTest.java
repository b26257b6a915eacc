package org.storemulti.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.imap.testing.ImapClient;
import org.storemulti.imap.testing.Mail;
import org.storemulti.imap.testing.TestServer;
import org.storemulti.store.message.MailboxState;

/** CONDSTORE and QRESYNC (RFC 7162): ENABLE, SELECT (QRESYNC ...), VANISHED (EARLIER), CHANGEDSINCE, VANISHED. */
class QresyncTest {

    @TempDir
    Path directory;
    private TestServer server;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start(directory);
        for (int i = 1; i <= 5; i++) {
            Mail.deliver(server.store(), TestServer.USER, Mail.simple("m" + i, "x"));
        }
        server.store().messages().mailbox("example.com", "user/joe/INBOX").claimRecent();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private MailboxState inbox() {
        return server.store().messages().mailbox("example.com", "user/joe/INBOX").state();
    }

    @Test
    void qresyncNeedsEnableFirst() throws IOException {
        try (ImapClient c = server.connect().greetedAndLoggedIn()) {
            assertEquals("s BAD the QRESYNC parameter needs ENABLE QRESYNC first (RFC 7162 3.2.5)",
                    c.tagged("s", "SELECT INBOX (QRESYNC (1 1))"));
            assertEquals(List.of("* ENABLED QRESYNC", "e OK ENABLE completed"), c.command("e", "ENABLE QRESYNC"));
            assertEquals(List.of("* ENABLED", "f OK ENABLE completed"), c.command("f", "ENABLE QRESYNC"), "once");
        }
    }

    @Test
    void aClientBackAfterChangesLearnsWhatVanishedAndWhatChanged() throws IOException {
        long validity = inbox().uidValidity();
        long before = inbox().highestModseq();
        try (ImapClient other = server.connect().greetedAndLoggedIn()) {
            other.command("s", "SELECT INBOX");
            other.command("d", "STORE 2,4 +FLAGS.SILENT (\\Deleted)");
            other.command("x", "EXPUNGE");
            other.command("f", "STORE 3 +FLAGS.SILENT (\\Flagged)"); // UID 5 after the expunge
        }
        long now = inbox().highestModseq();
        try (ImapClient c = server.connect().greetedAndLoggedIn()) {
            c.command("e", "ENABLE QRESYNC");
            List<String> lines = c.command("s", "SELECT INBOX (QRESYNC (" + validity + " " + before + " 1:5))");
            assertTrue(lines.contains("* 3 EXISTS"), lines.toString());
            assertTrue(lines.contains("* OK [HIGHESTMODSEQ " + now + "] Highest"), lines.toString());
            assertTrue(lines.contains("* VANISHED (EARLIER) 2,4"), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.matches("\\* 3 FETCH \\(UID 5 FLAGS \\(\\\\Flagged\\) MODSEQ \\(\\d+\\)\\)")),
                    lines.toString());
            assertEquals("s OK [READ-WRITE] SELECT completed", lines.get(lines.size() - 1));
            assertEquals(List.of("* VANISHED (EARLIER) 2,4", "* 3 FETCH (UID 5 FLAGS (\\Flagged) MODSEQ (" + now + "))",
                    "u OK UID FETCH completed"), c.command("u", "UID FETCH 1:* FLAGS (CHANGEDSINCE " + before + " VANISHED)"));
            assertEquals(List.of("v OK UID FETCH completed"),
                    c.command("v", "UID FETCH 1:* FLAGS (CHANGEDSINCE " + now + " VANISHED)"));
        }
    }

    @Test
    void aWrongUidValidityResynchronizesNothing() throws IOException {
        try (ImapClient c = server.connect().greetedAndLoggedIn()) {
            c.command("e", "ENABLE QRESYNC");
            List<String> lines = c.command("s", "SELECT INBOX (QRESYNC (1 1))");
            assertTrue(lines.stream().noneMatch(l -> l.contains("VANISHED") || l.contains("FETCH")), lines.toString());
        }
    }

    @Test
    void underQresyncExpungesAreToldAsVanished() throws IOException {
        try (ImapClient c = server.connect().greetedAndLoggedIn(); ImapClient other = server.connect().greetedAndLoggedIn()) {
            c.command("e", "ENABLE QRESYNC");
            c.command("s", "SELECT INBOX");
            other.command("s", "SELECT INBOX");
            other.command("d", "STORE 1,5 +FLAGS.SILENT (\\Deleted)");
            other.command("x", "EXPUNGE");
            List<String> noop = c.command("n", "NOOP");
            assertEquals("* VANISHED 1,5", noop.get(noop.size() - 2), noop.toString());
            c.command("d", "STORE 2 +FLAGS.SILENT (\\Deleted)");
            assertEquals(List.of("* VANISHED 3", "x OK EXPUNGE completed"), c.command("x", "EXPUNGE"));
        }
    }

    @Test
    void condstoreSelectReportsModseqsAfterItsFirstUse() throws IOException {
        try (ImapClient c = server.connect().greetedAndLoggedIn()) {
            List<String> lines = c.command("s", "SELECT INBOX (CONDSTORE)");
            assertTrue(lines.contains("* OK [HIGHESTMODSEQ " + inbox().highestModseq() + "] Highest"), lines.toString());
            List<String> store = c.command("t", "STORE 1 +FLAGS (\\Seen)");
            assertTrue(store.get(0).matches("\\* 1 FETCH \\(FLAGS \\(\\\\Seen\\) MODSEQ \\(\\d+\\)\\)"), store.toString());
        }
    }
}
