package org.storemulti.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.storemulti.admin.StoreAdm;
import org.storemulti.lmtp.LmtpClient;
import org.storemulti.store.Store;

import picocli.CommandLine;

/**
 * The local-part rule and delivery once per mailbox, through the real commands and the
 * real daemon: storeadm creates users, LMTP and {@code storeadm deliver} (the queue) reach
 * them by the same rule.
 */
@Timeout(120)
class DeliveryRulesEndToEndTest {

    private DaemonUnderTest daemon;

    record Result(int status, String out, String err) {
    }

    @BeforeEach
    void start() throws IOException {
        daemon = DaemonUnderTest.create();
        daemon.start();
        ok("domain", "add", "example.com");
    }

    @AfterEach
    void stop() throws IOException {
        daemon.close();
    }

    private Result storeadm(String input, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = StoreAdm.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            List<String> all = new ArrayList<>(List.of("-c", daemon.configDirectory().toString()));
            all.addAll(List.of(args));
            return new Result(cli.execute(all.toArray(String[]::new)), out.toString(), err.toString());
        } finally {
            System.setIn(saved);
        }
    }

    private String ok(String... args) {
        Result r = storeadm("", args);
        assertEquals(0, r.status(), () -> "storeadm " + String.join(" ", args) + ": " + r);
        return r.out();
    }

    private long messages(String mailbox) {
        try (Store store = Store.open(daemon.dataDirectory())) {
            return store.messages().status("example.com", mailbox).messages();
        }
    }

    /** An LMTP client over the daemon's UNIX socket, greeted. */
    private LmtpClient lmtp() throws IOException {
        LmtpClient client = new LmtpClient(UnixDomainSocketAddress.of(daemon.unixSocket()));
        client.greet();
        return client;
    }

    @Test
    void aUserWithCapitalsReceivesMailForEverySpellingOfItsName() throws Exception {
        ok("-d", "example.com", "mailbox", "user-add", "MixedCase");
        try (LmtpClient client = lmtp()) {
            client.send("MAIL FROM:<s@example.org>\r\nRCPT TO:<MixedCase@example.com>\r\nRCPT TO:<mixedcase@Example.COM>\r\n"
                    + "DATA\r\n");
            assertEquals("250 2.1.0 Ok", client.reply());
            assertEquals("250 2.1.5 Ok", client.reply());
            assertEquals("250 2.1.5 Ok", client.reply());
            assertEquals("354 End data with <CR><LF>.<CR><LF>", client.reply());
            client.send("Subject: hi\r\n\r\nhello\r\n.\r\n");
            assertTrue(client.reply().startsWith("250 2.0.0 <MixedCase@example.com> delivered"));
            assertTrue(client.reply().startsWith("250 2.0.0 <mixedcase@Example.COM> delivered"));
        }
        assertEquals(1, messages("user/MixedCase/INBOX"), "two spellings of one user: stored once");

        Result deliver = storeadm("Subject: queued\n\nhello\n", "deliver", "MIXEDCASE@example.com");
        assertEquals(0, deliver.status(), deliver.toString());
        awaitMessages("user/MixedCase/INBOX", 2);
    }

    @Test
    void aCaseVariantOfAUserAndANameHoldingTheRecipientDelimiterAreRefusedAtCreation() {
        ok("-d", "example.com", "mailbox", "user-add", "joe");
        Result variant = storeadm("", "-d", "example.com", "mailbox", "user-add", "Joe");
        assertEquals(1, variant.status(), variant.toString());
        assertEquals("storeadm: fatal: user already exists: Joe@example.com (as joe; user names ignore case)\n",
                variant.err());
        Result delimiter = storeadm("", "-d", "example.com", "user", "add", "ann+work");
        assertEquals(1, delimiter.status(), delimiter.toString());
        assertEquals("storeadm: fatal: invalid user name \"ann+work\": contains '+', a recipient delimiter: mail to it"
                + " would read as user ann with a detail (recipient_delimiter = +, " + daemon.configDirectory().resolve("main.cf")
                + "; choose another name)\n", delimiter.err());
        Result inbox = storeadm("", "-d", "example.com", "mailbox", "usersub-add", "joe", "inbox");
        assertEquals(1, inbox.status(), inbox.toString());
        assertTrue(inbox.err().contains("INBOX ignores case"), inbox.toString());
        assertEquals("joe\n", ok("-d", "example.com", "user", "list", "?oe"));
    }

    @Test
    void aThousandRecipientsOfOneAddressAreAnsweredEachAndStoredOnce() throws Exception {
        ok("-d", "example.com", "mailbox", "user-add", "joe");
        List<String> commands = new ArrayList<>(List.of("MAIL FROM:<s@example.org>"));
        for (int i = 0; i < 1000; i++) {
            commands.add(i % 2 == 0 ? "RCPT TO:<joe@example.com>" : "RCPT TO:<JOE@example.com>");
        }
        commands.add("DATA");
        List<String> replies = new ArrayList<>();
        try (LmtpClient client = lmtp()) {
            client.send(String.join("\r\n", commands) + "\r\n");
            for (int i = 0; i < 1 + 1000 + 1; i++) {
                replies.add(client.reply());
            }
            client.send("Subject: many\r\n\r\nonce\r\n.\r\n");
            for (int i = 0; i < 1000; i++) {
                replies.add(client.reply());
            }
        }
        assertEquals(1000, replies.stream().filter(r -> r.startsWith("250 2.0.0 <") && r.endsWith("> delivered, uid 1"))
                .count(), replies.subList(replies.size() - 3, replies.size()).toString());
        assertEquals(1, messages("user/joe/INBOX"));
    }

    @Test
    void queuedMailWhoseUserIsGoneIsHeldWithTheReasonAndDeliveredOnceReleased() throws Exception {
        ok("-d", "example.com", "mailbox", "user-add", "joe");
        daemon.stop();
        Result deliver = storeadm("Subject: for joe\n\nhello\n", "deliver", "joe@example.com");
        assertEquals(0, deliver.status(), deliver.toString());
        String id = deliver.out().strip();
        ok("-d", "example.com", "mailbox", "user-del", "joe");
        daemon.start();

        long deadline = System.nanoTime() + 20_000_000_000L;
        String list;
        while (!(list = ok("queue", "list")).contains(" hold ")) {
            assertTrue(System.nanoTime() < deadline, "not held within 20 s:\n" + list + "\ndaemon log:\n" + daemon.log());
            Thread.sleep(50);
        }
        assertTrue(list.matches("(?s).*" + id + " .* hold +<.*> -> joe@example.com  \\(held: joe@example.com: 550 5\\.1\\.1"
                + " <joe@example.com>: no such user\\).*"), list);

        ok("-d", "example.com", "mailbox", "user-add", "joe");
        ok("queue", "release", id);
        awaitMessages("user/joe/INBOX", 1);
        assertEquals("", ok("queue", "list").lines().skip(1).reduce("", String::concat), "the queue is empty again");
    }

    private void awaitMessages(String mailbox, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (messages(mailbox) < expected) {
            assertTrue(System.nanoTime() < deadline, "no delivery within 20 s; daemon log:\n" + daemon.log());
            Thread.sleep(50);
        }
        assertEquals(expected, messages(mailbox));
    }
}
