package org.storemulti.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/**
 * What one session is told of another's changes and of deliveries, and when (RFC 3501 5.2,
 * 7.4.1: no EXPUNGE during FETCH, STORE or SEARCH by sequence number); IDLE woken by a
 * delivery through the store's change feed, with no command from the client.
 */
class UpdatesTest {

    @TempDir
    Path directory;
    private TestServer server;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start(directory);
        for (int i = 1; i <= 3; i++) {
            Mail.deliver(server.store(), TestServer.USER, Mail.simple("m" + i, "x"));
        }
        server.store().messages().mailbox("example.com", "user/joe/INBOX").claimRecent();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ImapClient selected() throws IOException {
        ImapClient c = server.connect().greetedAndLoggedIn();
        c.command("s", "SELECT INBOX");
        return c;
    }

    @Test
    void anotherSessionsFlagChangesAreToldAtTheNextCommand() throws IOException {
        try (ImapClient a = selected(); ImapClient b = selected()) {
            b.command("f", "STORE 2 +FLAGS.SILENT (\\Flagged)");
            assertEquals(List.of("* 2 FETCH (FLAGS (\\Flagged))", "n OK NOOP completed"), a.command("n", "NOOP"));
            assertEquals(List.of("n OK NOOP completed"), a.command("n", "NOOP"), "told once");
        }
    }

    @Test
    void aDeliveryIsToldAsExistsAndRecentToTheFirstSessionOnly() throws IOException {
        try (ImapClient a = selected(); ImapClient b = selected()) {
            Mail.deliver(server.store(), TestServer.USER, Mail.simple("new", "y"));
            assertEquals(List.of("* 4 EXISTS", "* 1 RECENT", "n OK NOOP completed"), a.command("n", "NOOP"));
            assertEquals(List.of("* 4 EXISTS", "* 0 RECENT", "c OK CHECK completed"), b.command("c", "CHECK"));
            assertEquals("* 4 FETCH (FLAGS (\\Recent))", a.command("f", "FETCH 4 FLAGS").get(0));
        }
    }

    @Test
    void expungesWaitWhileSequenceNumbersAreInUse() throws IOException {
        try (ImapClient a = selected(); ImapClient b = selected()) {
            b.command("d", "STORE 1 +FLAGS.SILENT (\\Deleted)");
            b.command("x", "EXPUNGE");
            assertEquals(List.of("* 2 FETCH (FLAGS ())", "* 3 FETCH (FLAGS ())",
                    "f NO [EXPUNGEISSUED] some of the requested messages no longer exist"),
                    a.command("f", "FETCH 1:3 FLAGS"), "message 1 keeps its number, its data is gone");
            assertEquals(List.of("* 2 FETCH (FLAGS (\\Seen))", "t OK STORE completed"),
                    a.command("t", "STORE 2 +FLAGS (\\Seen)"));
            assertEquals(List.of("* SEARCH 2 3", "r OK SEARCH completed"), a.command("r", "SEARCH ALL"));
            assertEquals(List.of("* 1 EXPUNGE", "n OK NOOP completed"), a.command("n", "NOOP"));
            assertEquals(List.of("* SEARCH 1 2", "r OK SEARCH completed"), a.command("r", "SEARCH ALL"));
        }
    }

    @Test
    void idleIsWokenByADeliveryAndEndsWithDone() throws IOException {
        try (ImapClient a = selected()) {
            a.send("i IDLE\r\n");
            assertEquals("+ idling", a.line());
            Mail.deliver(server.store(), TestServer.USER, Mail.simple("while idling", "z"));
            assertEquals("* 4 EXISTS", a.line());
            assertEquals("* 1 RECENT", a.line());
            Mail.deliver(server.store(), TestServer.USER, Mail.simple("and another", "z"));
            assertEquals("* 5 EXISTS", a.line());
            assertEquals("* 2 RECENT", a.line());
            a.send("DONE\r\n");
            assertEquals("i OK IDLE terminated", a.line());
        }
    }

    @Test
    void idleTellsAnotherSessionsExpungeAtOnce() throws IOException {
        try (ImapClient a = selected(); ImapClient b = selected()) {
            a.send("i IDLE\r\n");
            assertEquals("+ idling", a.line());
            b.command("d", "STORE 2 +FLAGS (\\Deleted)");
            assertEquals("* 2 FETCH (FLAGS (\\Deleted))", a.line());
            b.command("x", "EXPUNGE");
            assertEquals("* 2 EXPUNGE", a.line());
            a.send("DONE\r\n");
            assertEquals("i OK IDLE terminated", a.line());
        }
    }
}
