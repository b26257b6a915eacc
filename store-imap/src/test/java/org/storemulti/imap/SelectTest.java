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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.storemulti.imap.testing.ImapClient;
import org.storemulti.imap.testing.Mail;
import org.storemulti.imap.testing.TestServer;
import org.storemulti.store.message.MailboxState;

/** SELECT, EXAMINE, CLOSE, UNSELECT: what a client is told, by name and by right. */
class SelectTest {

    @TempDir
    Path directory;
    private TestServer server;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start(directory);
        server.store().mailboxes().addUser("example.com", "bob");
        server.store().mailboxes().addUserFolder("example.com", "bob", "Shared");
        server.store().mailboxes().addUserFolder("example.com", "bob", "Private");
        server.store().mailboxes().addShared("example.com", "news", "bob");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private MailboxState inbox() {
        return server.store().messages().mailbox("example.com", "user/joe/INBOX").state();
    }

    @Test
    void selectTellsFlagsCountsUidsAndModseqAndClaimsRecent() throws IOException {
        Mail.deliver(server.store(), TestServer.USER, Mail.simple("one", "1"));
        Mail.deliver(server.store(), TestServer.USER, Mail.simple("two", "2"));
        server.store().messages().setFlags("example.com", "user/joe/INBOX", 1, org.storemulti.store.message.Flags.of(
                "\\Seen", "$Work"));
        MailboxState state = inbox();
        try (ImapClient c = server.connect().greetedAndLoggedIn()) {
            assertEquals(List.of("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Work)",
                    "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Work \\*)] Flags permitted",
                    "* 2 EXISTS",
                    "* 2 RECENT",
                    "* OK [UNSEEN 2] First unseen",
                    "* OK [UIDVALIDITY " + state.uidValidity() + "] UIDs valid",
                    "* OK [UIDNEXT 3] Predicted next UID",
                    "* OK [HIGHESTMODSEQ " + state.highestModseq() + "] Highest",
                    "s OK [READ-WRITE] SELECT completed"), c.command("s", "select inbox"));
            assertEquals("* 1 FETCH (FLAGS (\\Seen \\Recent $Work))", c.command("f", "FETCH 1 FLAGS").get(0));
        }
        try (ImapClient c = server.connect().greetedAndLoggedIn()) {
            assertTrue(c.command("s", "SELECT INBOX").contains("* 0 RECENT"), "the first session claimed them");
        }
    }

    @Test
    void examineIsReadOnlyAndClaimsNoRecent() throws IOException {
        Mail.deliver(server.store(), TestServer.USER, Mail.simple("one", "1"));
        try (ImapClient c = server.connect().greetedAndLoggedIn()) {
            List<String> lines = c.command("e", "EXAMINE INBOX");
            assertTrue(lines.contains("* OK [PERMANENTFLAGS ()] Read-only mailbox"), lines.toString());
            assertTrue(lines.contains("* 1 RECENT"), lines.toString());
            assertEquals("e OK [READ-ONLY] EXAMINE completed", lines.get(lines.size() - 1));
            assertEquals("s NO [READ-ONLY] the mailbox is read-only (EXAMINE, or no right to change it)",
                    c.tagged("s", "STORE 1 +FLAGS \\Seen"));
        }
        try (ImapClient c = server.connect().greetedAndLoggedIn()) {
            assertTrue(c.command("s", "SELECT INBOX").contains("* 1 RECENT"), "EXAMINE left it recent");
        }
    }

    @Test
    void selectingAgainClosesTheFirstEvenWhenTheSecondFails() throws IOException {
        try (ImapClient c = server.connect().greetedAndLoggedIn()) {
            c.command("s", "SELECT INBOX");
            assertEquals(List.of("* OK [CLOSED] previous mailbox closed", "t NO [NONEXISTENT] no mailbox Nothing"),
                    c.command("t", "SELECT Nothing"));
            assertEquals("f BAD FETCH needs a selected mailbox (SELECT or EXAMINE first)", c.tagged("f", "FETCH 1 FLAGS"));
            c.command("s", "EXAMINE INBOX");
            assertEquals("u OK UNSELECT completed", c.tagged("u", "UNSELECT"));
            assertEquals("c BAD CLOSE needs a selected mailbox (SELECT or EXAMINE first)", c.tagged("c", "CLOSE"));
        }
    }

    @ParameterizedTest(name = "SELECT {0} is refused and changes nothing")
    @ValueSource(strings = {"a/../b", "\"/INBOX\"", "\"Sent/\"", "\"a//b\"", "user", "user/bob", "shared",
        "\"Sent*\"", "\"a%b\"", "&AGE-", "&Jjo", "\"\""})
    void badNamesAreRefusedWithNo(String name) throws IOException {
        try (ImapClient c = server.connect().greetedAndLoggedIn()) {
            String reply = c.tagged("s", "SELECT " + name);
            assertTrue(reply.startsWith("s NO "), reply);
            assertEquals("n OK NOOP completed", c.tagged("n", "NOOP"));
        }
        assertEquals(5, server.store().mailboxes().all("example.com").size());
    }

    @Test
    void otherUsersMailboxesNeedRightsAndAreInvisibleWithoutThem() throws IOException {
        server.store().acls().set("example.com", "user/bob/Shared", "joe", "lr");
        Mail.deliver(server.store(), "bob@example.com", Mail.simple("bob's", "b"));
        try (ImapClient c = server.connect().greetedAndLoggedIn()) {
            assertEquals("p NO [NONEXISTENT] no mailbox user/bob/Private", c.tagged("p", "SELECT user/bob/Private"));
            assertEquals("q NO [NONEXISTENT] no mailbox user/bob/Missing", c.tagged("q", "SELECT user/bob/Missing"));
            assertEquals("i NO [NONEXISTENT] no mailbox user/bob/INBOX", c.tagged("i", "EXAMINE user/bob/INBOX"));
            List<String> shared = c.command("s", "SELECT user/bob/Shared");
            assertEquals("s OK [READ-ONLY] SELECT completed", shared.get(shared.size() - 1), "lr: no right to change");
        }
        server.store().acls().set("example.com", "shared/news", "anyone", "lrs");
        try (ImapClient c = server.connect().greetedAndLoggedIn()) {
            List<String> news = c.command("s", "SELECT shared/news");
            assertTrue(news.contains("* OK [PERMANENTFLAGS (\\Seen)] Flags permitted"), news.toString());
            assertEquals("s OK [READ-WRITE] SELECT completed", news.get(news.size() - 1));
        }
        server.store().acls().set("example.com", "user/bob/Private", "joe", "l");
        try (ImapClient c = server.connect().greetedAndLoggedIn()) {
            assertEquals("p NO [NOPERM] SELECT user/bob/Private needs the 'r' right, which you do not have there",
                    c.tagged("p", "SELECT user/bob/Private"));
        }
    }

    @Test
    void theOwnInboxIsReachableByItsFullNameToo() throws IOException {
        Mail.deliver(server.store(), TestServer.USER, Mail.simple("one", "1"));
        try (ImapClient c = server.connect().greetedAndLoggedIn()) {
            assertTrue(c.command("s", "EXAMINE user/joe/INBOX").contains("* 1 EXISTS"));
            assertTrue(c.command("s", "EXAMINE InBoX").contains("* 1 EXISTS"));
        }
    }

    @Test
    void closeExpungesSilentlyButUnselectAndReadOnlyDoNot() throws IOException {
        for (int i = 0; i < 3; i++) {
            Mail.deliver(server.store(), TestServer.USER, Mail.simple("m" + i, "x"));
        }
        try (ImapClient c = server.connect().greetedAndLoggedIn()) {
            c.command("s", "SELECT INBOX");
            c.command("d", "STORE 1:2 +FLAGS.SILENT (\\Deleted)");
            c.command("x", "EXAMINE INBOX");
            assertEquals(List.of("c OK CLOSE completed"), c.command("c", "CLOSE"));
            assertEquals(3, inbox().messages());
            c.command("s", "SELECT INBOX");
            assertEquals(List.of("u OK UNSELECT completed"), c.command("u", "UNSELECT"));
            assertEquals(3, inbox().messages());
            c.command("s", "SELECT INBOX");
            assertEquals(List.of("c OK CLOSE completed"), c.command("c", "CLOSE"));
            assertEquals(1, inbox().messages());
        }
    }

    @Test
    void closeWithoutTheExpungeRightJustCloses() throws IOException {
        Mail.deliver(server.store(), "bob@example.com", Mail.simple("bob's", "b"));
        server.store().messages().setFlags("example.com", "user/bob/INBOX", 1, org.storemulti.store.message.Flags.of(
                "\\Deleted"));
        server.store().acls().set("example.com", "user/bob/INBOX", "joe", "lrst");
        try (ImapClient c = server.connect().greetedAndLoggedIn()) {
            c.command("s", "SELECT user/bob/INBOX");
            assertEquals("e NO [NOPERM] EXPUNGE in user/bob/INBOX needs the 'e' right, which you do not have there",
                    c.tagged("e", "EXPUNGE"));
            assertEquals("c OK CLOSE completed", c.tagged("c", "CLOSE"));
        }
        assertEquals(1, server.store().messages().mailbox("example.com", "user/bob/INBOX").state().messages());
    }
}
