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
import org.storemulti.store.message.MailboxState;

/** EXPUNGE, UID EXPUNGE, COPY and MOVE with UIDPLUS's COPYUID, and the rights each needs. */
class ExpungeCopyMoveTest {

    @TempDir
    Path directory;
    private TestServer server;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start(directory);
        server.store().mailboxes().addUserFolder("example.com", "joe", "Archive");
        for (int i = 1; i <= 5; i++) {
            Mail.deliver(server.store(), TestServer.USER, Mail.simple("m" + i, "body " + i));
        }
        server.store().messages().mailbox("example.com", "user/joe/INBOX").claimRecent();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private MailboxState state(String mailbox) {
        return server.store().messages().mailbox("example.com", mailbox).state();
    }

    private ImapClient selected() throws IOException {
        ImapClient c = server.connect().greetedAndLoggedIn();
        c.command("s", "SELECT INBOX");
        return c;
    }

    @Test
    void expungeRemovesDeletedMessagesAndNumbersEachAsItWasThen() throws IOException {
        try (ImapClient c = selected()) {
            c.command("d", "STORE 2,4:5 +FLAGS.SILENT (\\Deleted)");
            assertEquals(List.of("* 2 EXPUNGE", "* 3 EXPUNGE", "* 3 EXPUNGE", "x OK EXPUNGE completed"),
                    c.command("x", "EXPUNGE"));
            assertEquals(List.of("* 1 FETCH (UID 1)", "* 2 FETCH (UID 3)", "f OK FETCH completed"),
                    c.command("f", "FETCH 1:* UID"));
        }
        assertEquals(2, state("user/joe/INBOX").messages());
    }

    @Test
    void uidExpungeRemovesOnlyTheNamedDeletedMessages() throws IOException {
        try (ImapClient c = selected()) {
            c.command("d", "STORE 1:3 +FLAGS.SILENT (\\Deleted)");
            assertEquals(List.of("* 2 EXPUNGE", "u OK UID EXPUNGE completed"), c.command("u", "UID EXPUNGE 2,4:5"));
            assertEquals(List.of("* 1 FETCH (UID 1 FLAGS (\\Deleted))", "* 2 FETCH (UID 3 FLAGS (\\Deleted))",
                    "* 3 FETCH (UID 4 FLAGS ())", "f OK FETCH completed"), c.command("f", "FETCH 1:3 (UID FLAGS)"));
        }
        assertEquals(4, state("user/joe/INBOX").messages());
    }

    @Test
    void copyAnswersCopyUidAndKeepsTheFlags() throws IOException {
        long validity = state("user/joe/Archive").uidValidity();
        try (ImapClient c = selected()) {
            c.command("f", "STORE 2 +FLAGS.SILENT (\\Flagged $Work)");
            assertEquals("c OK [COPYUID " + validity + " 2:3 1:2] COPY completed", c.tagged("c", "COPY 2:3 Archive"));
            assertEquals("u OK [COPYUID " + validity + " 5 3] UID COPY completed", c.tagged("u", "UID COPY 5,99 Archive"));
            assertEquals("n OK UID COPY completed (no messages)", c.tagged("n", "UID COPY 99 Archive"));
            assertEquals("t NO [TRYCREATE] no mailbox Nowhere", c.tagged("t", "COPY 1 Nowhere"));
            assertEquals("b BAD no message 6: the mailbox has 1:5", c.tagged("b", "COPY 1:6 Archive"));
        }
        assertEquals(5, state("user/joe/INBOX").messages());
        assertEquals(3, state("user/joe/Archive").messages());
        assertEquals(Flags.of("\\Flagged", "$Work"), server.store().messages().list("example.com", "user/joe/Archive")
                .get(0).flags());
    }

    @Test
    void moveAnswersCopyUidBeforeTheExpunges() throws IOException {
        long validity = state("user/joe/Archive").uidValidity();
        try (ImapClient c = selected()) {
            assertEquals(List.of("* OK [COPYUID " + validity + " 2,4 1:2] moved", "* 2 EXPUNGE", "* 3 EXPUNGE",
                    "m OK MOVE completed"), c.command("m", "MOVE 2,4 Archive"));
            assertEquals(List.of("* OK [COPYUID " + validity + " 5 3] moved", "* 3 EXPUNGE", "u OK UID MOVE completed"),
                    c.command("u", "UID MOVE 5 Archive"));
        }
        assertEquals(2, state("user/joe/INBOX").messages());
        assertEquals(3, state("user/joe/Archive").messages());
    }

    @Test
    void eachCommandNeedsItsRights() throws IOException {
        server.store().mailboxes().addUser("example.com", "bob");
        server.store().mailboxes().addUserFolder("example.com", "bob", "Drop");
        Mail.deliver(server.store(), "bob@example.com", Mail.simple("bob's", "b"));
        server.store().messages().setFlags("example.com", "user/bob/INBOX", 1, Flags.of("\\Deleted"));
        server.store().acls().set("example.com", "user/bob/INBOX", "joe", "lrs");
        server.store().acls().set("example.com", "user/bob/Drop", "joe", "lr");
        try (ImapClient c = server.connect().greetedAndLoggedIn()) {
            c.command("s", "SELECT user/bob/INBOX");
            assertEquals("m NO [NOPERM] MOVE out of user/bob/INBOX needs the 't' and 'e' rights, which you do not "
                    + "have there", c.tagged("m", "MOVE 1 INBOX"));
            assertEquals("c OK [COPYUID " + state("user/joe/INBOX").uidValidity() + " 1 6] COPY completed",
                    c.tagged("c", "COPY 1 INBOX"));
            String into = c.tagged("d", "COPY 1 user/bob/Drop");
            assertTrue(into.startsWith("d NO [NOPERM] ") && into.contains("'i'"), into);
            server.store().acls().set("example.com", "user/bob/Drop", "joe", "lri");
            assertTrue(c.tagged("e", "COPY 1 user/bob/Drop").startsWith("e OK [COPYUID "));
        }
        assertEquals(Flags.of("\\Deleted"), server.store().messages().list("example.com", "user/joe/INBOX").get(5)
                .flags(), "joe may set \\Deleted in his own INBOX");
        assertEquals(Flags.NONE, server.store().messages().list("example.com", "user/bob/Drop").get(0).flags(),
                "without 't' in the target the copy loses \\Deleted");
    }
}
