package org.storemulti.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.storemulti.fs.DirectorySync;
import org.storemulti.lmtp.Endpoint;
import org.storemulti.lmtp.LmtpClient;
import org.storemulti.lmtp.LmtpLimits;
import org.storemulti.lmtp.LmtpServer;
import org.storemulti.log.LogLines;
import org.storemulti.log.MailLog;
import org.storemulti.store.Store;
import org.storemulti.store.message.MessageInfo;
import org.storemulti.store.name.LocalPartRule;

/**
 * Storage faults through the real LMTP socket: a full disk under the real daemon's data
 * directory (a small tmpfs) and a slow directory fsync under a real store. Clients get 4xx,
 * never a 250 for mail that is not durable, and nothing acknowledged is lost.
 */
@Timeout(180)
class StorageFaultTest {

    /** An LMTP client over {@code socket}, greeted. */
    private static LmtpClient client(Path socket) throws IOException {
        LmtpClient client = new LmtpClient(UnixDomainSocketAddress.of(socket));
        client.greet();
        return client;
    }

    /** One message transaction: the final reply, or the replies that refused it before DATA. */
    private static String deliver(LmtpClient client, String recipient, String subject, int bodyBytes) throws IOException {
        client.send("MAIL FROM:<fault@example.org>\r\nRCPT TO:<" + recipient + ">\r\nDATA\r\n");
        String mail = client.reply();
        String rcpt = client.reply();
        String data = client.reply();
        if (!data.startsWith("354")) {
            client.send("RSET\r\n");
            client.reply();
            return mail + " / " + rcpt + " / " + data;
        }
        StringBuilder text = new StringBuilder("Subject: " + subject + "\r\n\r\n");
        while (text.length() < bodyBytes) {
            text.append("x".repeat(76)).append("\r\n");
        }
        client.send(text.append(".\r\n").toString());
        return client.reply();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
    }

    /**
     * Mounts a tmpfs of {@code size} on {@code directory}; skips the test where mounting is
     * not permitted. The first store opened in a JVM unpacks SQLite's native library into its
     * {@code run/} unless {@code org.sqlite.tmpdir} is set: a library mapped from the tmpfs
     * would keep it busy, so this JVM's goes elsewhere.
     */
    private static void mountTmpfs(Path directory, String size) throws IOException, InterruptedException {
        if (System.getProperty("org.sqlite.tmpdir") == null) {
            System.setProperty("org.sqlite.tmpdir", Files.createTempDirectory("sqlite-native").toString());
        }
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs",
                directory.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0,
                "mounting a tmpfs is not permitted here (run as root): " + out.strip());
    }

    private static Set<String> subjects(Store store, String mailbox) {
        Set<String> subjects = new TreeSet<>();
        for (MessageInfo m : store.messages().list("example.com", mailbox)) {
            String text = new String(store.messages().read("example.com", mailbox, m.uid()), StandardCharsets.US_ASCII);
            int at = text.indexOf("Subject: ");
            subjects.add(text.substring(at + 9, text.indexOf("\r\n", at)));
        }
        return subjects;
    }

    @Test
    void aFullDataDirectoryGivesTemporaryFailuresLosesNothingAcknowledgedAndRecoversWhenSpaceReturns() throws Exception {
        try (DaemonUnderTest daemon = DaemonUnderTest.create()) {
            Path data = daemon.dataDirectory();
            mountTmpfs(data, "3m");
            try {
                daemon.storectl("set-permissions");
                Path ballast = data.resolve("ballast");
                try (Store store = Store.open(data)) {
                    store.domains().add("example.com");
                    store.mailboxes().addUser("example.com", "joe");
                }
                Files.write(ballast, new byte[512 * 1024]);
                daemon.start();

                Set<String> acknowledged = new TreeSet<>();
                List<String> refusals = new ArrayList<>();
                try (LmtpClient client = client(daemon.unixSocket())) {
                    for (int n = 0; n < 200 && refusals.size() < 3; n++) {
                        String reply = deliver(client, "joe@example.com", "message " + n, 40_000);
                        if (reply.startsWith("250 ")) {
                            acknowledged.add("message " + n);
                        } else {
                            refusals.add(reply);
                        }
                    }
                }
                assertFalse(refusals.isEmpty(), "the disk never filled: " + acknowledged.size() + " delivered");
                assertTrue(refusals.stream().allMatch(r -> r.startsWith("4")), "only temporary failures: " + refusals);
                assertTrue(daemon.log().lines().filter(l -> l.contains(": warning: ") && l.contains(": to=<joe@example.com>, ")
                        && l.contains(", status=deferred (451 4.3.0 <joe@example.com>: temporary store failure; cause: "))
                        .count() >= refusals.size(), "each failure is logged with its cause:\n" + daemon.log());

                Files.delete(ballast);
                String recovered;
                try (LmtpClient client = client(daemon.unixSocket())) {
                    recovered = deliver(client, "joe@example.com", "after the disk had room again", 2_000);
                }
                assertTrue(recovered.startsWith("250 "), "the running daemon delivers again: " + recovered);
                acknowledged.add("after the disk had room again");
                daemon.stop();

                try (Store store = Store.open(data)) {
                    assertEquals(acknowledged, subjects(store, "user/joe/INBOX"), "every acknowledged message, nothing else");
                    assertEquals(List.of(), store.tools().verify(false).stream()
                            .filter(p -> p.kind() != org.storemulti.store.tools.Problem.Kind.ORPHAN_FILE
                                    && p.kind() != org.storemulti.store.tools.Problem.Kind.TEMPORARY_FILE).toList(),
                            "the index references only files that are there");
                }
            } finally {
                if (Files.exists(daemon.configDirectory().resolve("q/pid/master.pid"))) {
                    daemon.storectl("abort"); // it holds files on the tmpfs
                }
                run("umount", data.toString());
            }
        }
    }

    @Test
    void aSlowDirectorySyncHoldsTheRepliesUntilItEndsWithoutTimingSessionsOutAndBatchesTheCommits() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "sf");
        ConcurrentLinkedQueue<Long> syncsEnded = new ConcurrentLinkedQueue<>();
        DirectorySync slow = directory -> {
            try {
                Thread.sleep(1_500); // the fault under test: a disk that takes 1.5 s per directory sync
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            DirectorySync.FSYNC.sync(directory);
            syncsEnded.add(System.nanoTime());
        };
        Path socket = dir.resolve("lmtp");
        try (Store store = Store.open(dir.resolve("data"), Clock.systemUTC(), slow)) {
            store.domains().add("example.com");
            store.mailboxes().addUser("example.com", "joe");
            LmtpServer server = new LmtpServer(Endpoint.parseAll("lmtp_listen", "unix:" + socket),
                    new StoreMailDrop(store, "example.com", new LocalPartRule("+"), false, new MailLog(new LogLines().log("lmtp"))),
                    new LmtpLimits(1_000_000, Duration.ofMillis(500), Duration.ofSeconds(30), 16, 0, 1000, 2048),
                    "mx.test", new LogLines().log("lmtp"));
            server.start();
            try {
                int clients = 6;
                CountDownLatch go = new CountDownLatch(1);
                ConcurrentLinkedQueue<String> replies = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<Long> repliedAt = new ConcurrentLinkedQueue<>();
                List<Thread> threads = new ArrayList<>();
                long before = store.batcher().commits();
                for (int i = 0; i < clients; i++) {
                    int n = i;
                    Thread t = new Thread(() -> {
                        try (LmtpClient client = client(socket)) {
                            go.await();
                            replies.add(deliver(client, "joe@example.com", "slow " + n, 1_000));
                            repliedAt.add(System.nanoTime());
                        } catch (IOException | InterruptedException e) {
                            replies.add("client failed: " + e);
                        }
                    });
                    t.start();
                    threads.add(t);
                }
                go.countDown();
                for (Thread t : threads) {
                    t.join(60_000);
                }
                assertEquals(clients, replies.size(), replies.toString());
                assertTrue(replies.stream().allMatch(r -> r.startsWith("250 2.0.0 <joe@example.com> delivered")),
                        "a sync three times longer than lmtp_timeout does not cut the sessions waiting on it: " + replies);
                long firstSync = syncsEnded.stream().min(Long::compare).orElseThrow();
                assertTrue(repliedAt.stream().allMatch(t -> t >= firstSync), "no reply before a directory sync ended");
                long commits = store.batcher().commits() - before;
                assertTrue(commits < clients, clients + " deliveries took " + commits + " commits: they share slow syncs");
                assertEquals(clients, store.messages().status("example.com", "user/joe/INBOX").messages());
            } finally {
                server.stop(Duration.ZERO);
            }
        } finally {
            DaemonUnderTest.delete(dir);
        }
    }
}
