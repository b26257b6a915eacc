package org.storemulti.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.imap.testing.ImapClient;
import org.storemulti.imap.testing.Mail;
import org.storemulti.imap.testing.TestServer;

/**
 * APPEND over a real socket into a real store: flags and date kept, APPENDUID, synchronizing
 * and non-synchronizing literals, MULTIAPPEND all or nothing, quota, TRYCREATE, and a client
 * that goes away inside its literal leaving nothing stored.
 */
class AppendTest {

    @TempDir
    Path directory;
    private TestServer server;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start(directory);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ImapClient client() throws IOException {
        return server.connect().greetedAndLoggedIn();
    }

    private long messages(String mailbox) {
        return server.store().messages().status("example.com", "user/joe/" + mailbox).messages();
    }

    @Test
    void appendKeepsFlagsAndTheDateAndAnswersAppendUid() throws IOException {
        String message = Mail.simple("appended", "kept as sent");
        long validity = server.store().messages().status("example.com", "user/joe/INBOX").uidValidity();
        try (ImapClient c = client()) {
            c.send("a APPEND INBOX (\\Seen \\Flagged $Work) \"05-Jan-2026 10:00:00 +0100\" {"
                    + message.length() + "+}\r\n" + message + "\r\n");
            assertEquals("a OK [APPENDUID " + validity + " 1] APPEND completed", c.line());
            c.command("s", "EXAMINE INBOX");
            List<String> fetched = c.command("f", "UID FETCH 1 (FLAGS INTERNALDATE RFC822.SIZE)");
            Instant date = OffsetDateTime.parse("2026-01-05T10:00:00+01:00").toInstant();
            String shown = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss xx", Locale.ENGLISH)
                    .format(date.atZone(ZoneId.systemDefault()));
            // no session has claimed it yet: EXAMINE shows it as recent (and leaves it so)
            assertEquals("* 1 FETCH (UID 1 FLAGS (\\Flagged \\Seen \\Recent $Work) INTERNALDATE \"" + shown + "\" RFC822.SIZE "
                    + message.length() + ")", fetched.get(0));
            assertEquals(date, server.store().messages().mailbox("example.com", "user/joe/INBOX").fetch(1).internalDate());
        }
    }

    @Test
    void aSynchronizingLiteralWaitsForTheContinuation() throws IOException {
        String message = Mail.simple("sync", "waited");
        try (ImapClient c = client()) {
            c.send("a APPEND INBOX {" + message.length() + "}\r\n");
            assertTrue(c.line().startsWith("+ "));
            c.send(message + "\r\n");
            assertTrue(c.line().matches("a OK \\[APPENDUID \\d+ 1\\] APPEND completed"));
        }
        assertEquals(1, messages("INBOX"));
    }

    @Test
    void multiappendStoresEveryMessageOrNoneOverQuota() throws IOException {
        server.store().quotas().setUser("example.com", "joe", 2);
        String small = Mail.simple("small", "x");
        String big = Mail.simple("big", "y".repeat(4000));
        try (ImapClient c = client()) {
            c.send("a APPEND INBOX {" + small.length() + "+}\r\n" + small + " {" + small.length() + "+}\r\n" + small
                    + "\r\n");
            assertTrue(c.line().matches("a OK \\[APPENDUID \\d+ 1:2\\] APPEND completed"));
            c.send("b APPEND INBOX {" + small.length() + "+}\r\n" + small + " {" + big.length() + "+}\r\n" + big
                    + "\r\n");
            String refused = c.line();
            assertTrue(refused.startsWith("b NO [OVERQUOTA] "), refused);
        }
        assertEquals(2, messages("INBOX"), "the first message of the refused MULTIAPPEND is gone again");
    }

    @Test
    void appendToAMailboxThatDoesNotExistSaysTryCreate() throws IOException {
        try (ImapClient c = client()) {
            c.send("a APPEND Nowhere {3+}\r\nabc\r\n");
            assertEquals("a NO [TRYCREATE] no mailbox Nowhere", c.line());
        }
    }

    @Test
    void aClientThatGoesAwayInsideItsLiteralLeavesNothingStored() throws IOException {
        try (ImapClient c = client()) {
            c.send("a APPEND INBOX {200000+}\r\n" + "x".repeat(50_000));
            c.send("y".repeat(50_000).getBytes(StandardCharsets.US_ASCII));
        }
        try (ImapClient c = client()) {
            assertEquals(List.of("* STATUS INBOX (MESSAGES 0)", "s OK STATUS completed"),
                    c.command("s", "STATUS INBOX (MESSAGES)"));
        }
        assertTrue(TestServer.within(Duration.ofSeconds(5), () -> spoolFiles() == 0), "the spooled literal is removed");
        assertEquals(0, messages("INBOX"));
    }

    @Test
    void appendNeedsTheInsertRight() throws IOException {
        server.store().mailboxes().addUser("example.com", "ann");
        server.store().authAccounts().add("ann@example.com", "pw");
        server.store().acls().set("example.com", "user/joe/INBOX", "ann", "lr");
        try (ImapClient c = server.connect()) {
            c.line();
            c.tagged("l", "LOGIN ann@example.com pw");
            c.send("a APPEND user/joe/INBOX {3+}\r\nabc\r\n");
            assertEquals("a NO [NOPERM] APPEND to user/joe/INBOX needs the 'i' right", c.line().replaceFirst(
                    " right.*", " right"));
        }
        assertEquals(0, messages("INBOX"));
    }

    private long spoolFiles() {
        try (Stream<Path> files = Files.list(server.settings().spoolDirectory())) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
