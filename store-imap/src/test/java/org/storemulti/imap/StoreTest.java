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
import org.storemulti.store.message.Flags;

/** STORE and UID STORE: modes, .SILENT, UNCHANGEDSINCE, keywords and the rights behind each flag. */
class StoreTest {

    @TempDir
    Path directory;
    private TestServer server;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start(directory);
        for (int i = 1; i <= 3; i++) {
            Mail.deliver(server.store(), TestServer.USER, Mail.simple("m" + i, "x"));
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ImapClient examinedThenSelected() throws IOException {
        ImapClient c = server.connect().greetedAndLoggedIn();
        c.command("e", "EXAMINE INBOX"); // leaves \Recent alone, so the answers below do not carry it
        c.command("u", "UNSELECT");
        server.store().messages().mailbox("example.com", "user/joe/INBOX").claimRecent();
        c.command("s", "SELECT INBOX");
        return c;
    }

    private Flags flagsOf(long uid) {
        return server.store().messages().list("example.com", "user/joe/INBOX").stream().filter(m -> m.uid() == uid)
                .findFirst().orElseThrow().flags();
    }

    @Test
    void addRemoveAndReplaceAnswerWithTheNewFlags() throws IOException {
        try (ImapClient c = examinedThenSelected()) {
            assertEquals(List.of("* 1 FETCH (FLAGS (\\Flagged \\Seen))", "* 2 FETCH (FLAGS (\\Flagged \\Seen))",
                    "a OK STORE completed"), c.command("a", "STORE 1:2 +FLAGS (\\Seen \\Flagged)"));
            assertEquals(List.of("* 2 FETCH (FLAGS (\\Flagged))", "r OK STORE completed"),
                    c.command("r", "STORE 2 -FLAGS (\\Seen)"));
            assertEquals(List.of("* 1 FETCH (UID 1 FLAGS (\\Answered))", "u OK UID STORE completed"),
                    c.command("u", "UID STORE 1 FLAGS (\\Answered)"));
            assertEquals(List.of("q OK STORE completed"), c.command("q", "STORE 3 +FLAGS.SILENT (\\Deleted)"));
            assertEquals("n BAD \\Recent is set by the server and cannot be stored or appended",
                    c.tagged("n", "STORE 3 -FLAGS.SILENT (\\Recent)"));
        }
        assertEquals(Flags.of("\\Answered"), flagsOf(1));
        assertEquals(Flags.of("\\Flagged"), flagsOf(2));
        assertEquals(Flags.of("\\Deleted"), flagsOf(3));
    }

    @Test
    void aNewKeywordIsAnnouncedAndExistingOnesMatchWithoutRegardToCase() throws IOException {
        try (ImapClient c = examinedThenSelected()) {
            assertEquals(List.of("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Label1)",
                    "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Label1 \\*)] Flags permitted",
                    "* 1 FETCH (FLAGS ($Label1))", "k OK STORE completed"), c.command("k", "STORE 1 +FLAGS ($Label1)"));
            assertEquals(List.of("* 2 FETCH (FLAGS ($Label1))", "l OK STORE completed"),
                    c.command("l", "STORE 2 +FLAGS ($LABEL1)"));
            assertEquals("b BAD unknown system flag \\Bogus (system flags: \\Answered \\Flagged \\Deleted \\Seen \\Draft)",
                    c.tagged("b", "STORE 1 +FLAGS (\\Bogus)"));
        }
    }

    @Test
    void unchangedSinceRefusesWhatChangedAfterItAndSaysModified() throws IOException {
        try (ImapClient c = examinedThenSelected()) {
            String line = c.command("m", "FETCH 1:3 MODSEQ").get(2);
            long modseq = Long.parseLong(line.replaceAll(".*MODSEQ \\((\\d+)\\).*", "$1"));
            c.command("f", "STORE 2 +FLAGS.SILENT (\\Flagged)");
            List<String> lines = c.command("c", "STORE 1:3 (UNCHANGEDSINCE " + modseq + ") +FLAGS (\\Seen)");
            assertEquals("c OK [MODIFIED 2] conditional STORE failed for some messages", lines.get(lines.size() - 1));
            assertEquals(3, lines.size(), lines.toString());
            assertTrue(lines.get(0).matches("\\* 1 FETCH \\(FLAGS \\(\\\\Seen\\) MODSEQ \\(\\d+\\)\\)"), lines.get(0));
            List<String> silent = c.command("s", "UID STORE 1:3 (UNCHANGEDSINCE 999999) -FLAGS.SILENT (\\Seen)");
            assertTrue(silent.get(0).matches("\\* 1 FETCH \\(UID 1 MODSEQ \\(\\d+\\)\\)"), silent.toString());
        }
        assertEquals(Flags.of("\\Flagged"), flagsOf(2));
    }

    @Test
    void flagsWithoutTheirRightAreLeftAloneAndNoneAllowedIsNo() throws IOException {
        server.store().mailboxes().addUser("example.com", "bob");
        Mail.deliver(server.store(), "bob@example.com", Mail.simple("bob's", "b"));
        server.store().messages().setFlags("example.com", "user/bob/INBOX", 1, Flags.of("\\Deleted", "$Keep"));
        server.store().acls().set("example.com", "user/bob/INBOX", "joe", "lrs");
        try (ImapClient c = server.connect().greetedAndLoggedIn()) {
            List<String> select = c.command("s", "SELECT user/bob/INBOX");
            assertTrue(select.contains("* OK [PERMANENTFLAGS (\\Seen)] Flags permitted"), select.toString());
            assertEquals("* 1 FETCH (FLAGS (\\Deleted \\Seen \\Recent $Keep))",
                    c.command("a", "STORE 1 FLAGS (\\Seen \\Flagged)").get(0), "\\Deleted and $Keep stay");
            assertEquals("w NO [NOPERM] you may not change \\Flagged $New in user/bob/INBOX",
                    c.tagged("w", "STORE 1 +FLAGS (\\Flagged $New)"));
        }
        server.store().acls().set("example.com", "user/bob/INBOX", "joe", "lrsw");
        try (ImapClient c = server.connect().greetedAndLoggedIn()) {
            c.command("s", "SELECT user/bob/INBOX");
            assertEquals("* 1 FETCH (FLAGS (\\Flagged \\Deleted \\Seen $Keep))",
                    c.command("k", "STORE 1 +FLAGS (\\Flagged $New)").get(0), "a new keyword needs 'k'");
        }
    }

    @Test
    void aSequenceNumberPastTheEndIsBadAndChangesNothing() throws IOException {
        try (ImapClient c = examinedThenSelected()) {
            assertEquals("s BAD no message 4: the mailbox has 1:3", c.tagged("s", "STORE 2:4 +FLAGS (\\Seen)"));
        }
        assertEquals(Flags.NONE, flagsOf(2));
    }
}
