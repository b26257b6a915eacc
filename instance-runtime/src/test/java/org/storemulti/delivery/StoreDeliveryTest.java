package org.storemulti.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.storemulti.config.TestFixtures;
import org.storemulti.lmtp.Endpoint;
import org.storemulti.lmtp.Envelope;
import org.storemulti.lmtp.LmtpLimits;
import org.storemulti.lmtp.LmtpServer;
import org.storemulti.lmtp.Reply;
import org.storemulti.log.LogLines;
import org.storemulti.log.MailLog;
import org.storemulti.store.Store;
import org.storemulti.store.name.LocalPartRule;

/** LMTP into the real store: real sockets, a real SQLite file, real fsync, a real client. */
class StoreDeliveryTest {

    private Path dir;
    private Store store;
    private LmtpServer server;
    private Path socket;

    @BeforeEach
    void start() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "sd");
        store = Store.open(dir.resolve("data"));
        store.domains().add("example.com");
        store.mailboxes().addUser("example.com", "joe");
        store.mailboxes().addUser("example.com", "ann");
        socket = dir.resolve("lmtp");
        server = new LmtpServer(Endpoint.parseAll("lmtp_listen", "unix:" + socket),
                new StoreMailDrop(store, "example.com", new LocalPartRule("+"), false, new MailLog(new LogLines().log("lmtp"))),
                new LmtpLimits(1_000_000, Duration.ofSeconds(30), Duration.ofMinutes(10), 8, 0, 1000, 2048), "mx.test", new LogLines().log("lmtp"));
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(Duration.ZERO);
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** hello.eml from alice@example.org to {@code recipients} by Python's smtplib.LMTP; its lines. */
    private String pythonLmtpClient(String... recipients) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 is installed by .ci/run");
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/python3",
                TestFixtures.root().resolve("lmtp/lmtp_client.py").toString(), socket.toString(), "alice@example.org"));
        command.addAll(List.of(recipients));
        Process p = new ProcessBuilder(command).redirectInput(TestFixtures.root().resolve("lmtp/hello.eml").toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    @Test
    void mailForAUserMovedAwayIsDeferredWhateverItsCaseOrDetailAndTheOthersStillGetTheirs() throws Exception {
        MovedUsers moved = new MovedUsers(store.dataDirectory());
        moved.mark("Joe@Example.com");
        String out = pythonLmtpClient("joe+news@example.com", "JOE@example.com", "ann@example.com");
        assertEquals("FAIL joe+news@example.com 450 4.2.1 <joe+news@example.com>: mailbox moved to another instance,"
                + " try again later\nFAIL JOE@example.com 450 4.2.1 <JOE@example.com>: mailbox moved to another instance,"
                + " try again later\nOK ann@example.com\n", out);
        assertEquals(0, store.messages().status("example.com", "user/joe/INBOX").messages());
        assertEquals(1, store.messages().status("example.com", "user/ann/INBOX").messages());
        moved.unmark("joe@example.com");
        assertTrue(!moved.contains("joe@example.com"));
    }

    @Test
    void pythonsLmtpClientDeliversAndUnknownUsersAreRefused() throws Exception {
        String out = pythonLmtpClient("joe@example.com", "nobody@example.com", "ann");
        assertEquals("OK joe@example.com\nFAIL nobody@example.com 550 5.1.1 <nobody@example.com>: no such user\nOK ann\n", out);

        assertEquals(1, store.messages().status("example.com", "user/joe/INBOX").messages());
        assertEquals(1, store.messages().status("example.com", "user/ann/INBOX").messages());
        String stored = new String(store.messages().read("example.com", "user/joe/INBOX", 1), StandardCharsets.UTF_8);
        assertTrue(stored.startsWith("Return-Path: <alice@example.org>\r\nDelivered-To: joe@example.com\r\nFrom: Alice"), stored);
        assertTrue(stored.contains("\r\n.a line starting with a dot"), stored);
    }

    @Test
    void oneMessageToSeveralRecipientsIsAcknowledgedPerRecipientAndStoredOnce() throws Exception {
        byte[] message = "Subject: shared\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        List<Reply> replies = new StoreMailDrop(store, "example.com", new LocalPartRule("+"), false, new MailLog(new LogLines().log("lmtp")))
                .deliver(Envelope.lmtp("T", "s@x", List.of("joe@example.com", "ann@example.com", "gone@example.com")), message);
        assertEquals(List.of(250, 250, 550), replies.stream().map(Reply::code).toList());
        assertArrayEquals(store.messages().read("example.com", "user/joe/INBOX", 1),
                store.messages().read("example.com", "user/ann/INBOX", 1));
        try (Stream<Path> files = Files.walk(dir.resolve("data/messages"))) {
            assertEquals(1, files.filter(Files::isRegularFile).count());
        }
    }

    @Test
    void plusDetailGoesToAnExistingFolderThatAcceptsPostsElseToInbox() {
        store.mailboxes().addUserFolder("example.com", "joe", "lists");
        store.mailboxes().addUserFolder("example.com", "joe", "private");
        store.acls().set("example.com", "user/joe/lists", "anyone", "p");
        StoreMailDrop drop = new StoreMailDrop(store, "example.com", new LocalPartRule("+"), false, new MailLog(new LogLines().log("lmtp")));
        byte[] m = "Subject: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        drop.deliver(Envelope.lmtp("T", "s@x", List.of("joe+lists@example.com")), m);
        drop.deliver(Envelope.lmtp("T", "s@x", List.of("joe+private@example.com")), m);
        drop.deliver(Envelope.lmtp("T", "s@x", List.of("joe+nosuch@example.com")), m);
        assertEquals(1, store.messages().status("example.com", "user/joe/lists").messages());
        assertEquals(0, store.messages().status("example.com", "user/joe/private").messages());
        assertEquals(2, store.messages().status("example.com", "user/joe/INBOX").messages());
    }

    @Test
    void overQuotaIsPermanentUnlessConfiguredTemporary() {
        store.quotas().setUser("example.com", "joe", 1);
        byte[] big = ("Subject: big\r\n\r\n" + "x".repeat(4000)).getBytes(StandardCharsets.US_ASCII);
        Envelope toJoe = Envelope.lmtp("T", "s@x", List.of("joe@example.com"));
        assertEquals(552, new StoreMailDrop(store, "example.com", new LocalPartRule("+"), false, new MailLog(new LogLines().log("lmtp"))).deliver(toJoe, big).get(0).code());
        assertEquals("4.2.2", new StoreMailDrop(store, "example.com", new LocalPartRule("+"), true, new MailLog(new LogLines().log("lmtp"))).deliver(toJoe, big).get(0).enhanced());
        assertEquals(0, store.messages().status("example.com", "user/joe/INBOX").messages());
    }
}
