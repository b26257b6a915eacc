package org.storemulti.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.storemulti.store.Store;
import org.storemulti.store.message.MessageInfo;
import org.storemulti.store.tools.Problem;
import org.storemulti.store.tools.Problem.Kind;

/**
 * Kill -9 under load: clients deliver in a loop, each message with its own Message-ID,
 * while the daemon JVM is killed with SIGKILL and restarted with {@code storectl start}
 * several times. Afterwards every message that got its 250 is in the mailbox exactly once,
 * nothing is stored that no client sent or that a client saw refused, and the store's
 * verify finds no problem; seen past its grace for files in flight, it finds only the files
 * of transactions that never got their reply, and repairs them.
 */
@Timeout(40)
class DaemonCrashTest {

    private static final int CLIENTS = 3;
    private static final int KILLS = 5;
    private static final Pattern MESSAGE_ID = Pattern.compile("\r\nMessage-ID: <([^>]+)>\r\n");

    private DaemonUnderTest daemon;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    /** Transactions that ended without a reply after DATA: the message may or may not be stored. */
    private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);

    @BeforeEach
    void startTheDaemon() throws Exception {
        daemon = DaemonUnderTest.create();
        daemon.start();
        try (Store store = Store.open(daemon.dataDirectory())) {
            store.domains().add("example.com");
            store.mailboxes().addUser("example.com", "joe");
        }
    }

    @AfterEach
    void removeTheInstance() throws Exception {
        running.set(false);
        daemon.close();
    }

    @Test
    void everyAcknowledgedMessageIsStoredExactlyOnceAcrossKillNineAndRestart() throws Exception {
        Random random = new Random(7);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            Thread t = new Thread(() -> deliverInALoop(client), "crash-client-" + c);
            t.setDaemon(true);
            t.start();
            clients.add(t);
        }
        for (int kill = 0; kill < KILLS; kill++) {
            awaitMoreAcknowledged(20 + random.nextInt(40));
            daemon.kill();
            daemon.start();
        }
        awaitMoreAcknowledged(20);
        running.set(false);
        for (Thread t : clients) {
            t.join(5000);
        }
        daemon.stop();

        Map<String, Integer> stored = storedMessageIds();
        for (String id : acknowledged) {
            assertEquals(1, stored.getOrDefault(id, 0), () -> "acknowledged " + id + " stored " + stored.get(id) + " times");
        }
        for (Map.Entry<String, Integer> e : stored.entrySet()) {
            assertEquals(1, e.getValue(), () -> e.getKey() + " stored " + e.getValue() + " times");
            assertTrue(acknowledged.contains(e.getKey()) || unanswered.contains(e.getKey()),
                    () -> e.getKey() + " is stored but its client was told it was not");
        }
        assertEquals(0, refused.get(), "no delivery was refused outright");
        assertTrue(acknowledged.size() >= (KILLS + 1) * 20, () -> "only " + acknowledged.size() + " acknowledged");
        try (Store store = Store.open(daemon.dataDirectory())) {
            assertEquals(List.of(), store.tools().verify(false));
        }
        // Seen 11 minutes on, past verify's grace for files in flight: what the kills left is
        // only files of unanswered transactions (written, never committed), which repair removes.
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(11));
        try (Store store = Store.open(daemon.dataDirectory(), later)) {
            List<Problem> leftovers = store.tools().verify(true);
            assertTrue(leftovers.stream().allMatch(p -> p.kind() == Kind.ORPHAN_FILE || p.kind() == Kind.TEMPORARY_FILE),
                    leftovers::toString);
            assertTrue(leftovers.size() <= unanswered.size(), () -> leftovers + " but only " + unanswered.size()
                    + " transactions went unanswered");
            assertEquals(List.of(), store.tools().verify(false));
        }
    }

    /** Waits until {@code more} messages beyond those acknowledged now have their 250. */
    private void awaitMoreAcknowledged(int more) throws InterruptedException {
        int target = acknowledged.size() + more;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (acknowledged.size() < target) {
            assertTrue(System.nanoTime() < deadline, () -> "deliveries stalled at " + acknowledged.size()
                    + "\ndaemon log:\n" + daemon.log());
            Thread.sleep(5);
        }
    }

    /** One client: connects (retrying while the daemon is down) and delivers until told to stop. */
    private void deliverInALoop(int client) {
        int sequence = 0;
        while (running.get()) {
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(daemon.unixSocket()))) {
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                        StandardCharsets.US_ASCII));
                OutputStream out = Channels.newOutputStream(channel);
                expect(in, "220");
                send(out, "LHLO crash.test\r\n");
                expect(in, "250");
                while (running.get()) {
                    String id = "c" + client + "." + sequence++ + "@crash.test";
                    send(out, "MAIL FROM:<load@crash.test>\r\nRCPT TO:<joe@example.com>\r\nDATA\r\n");
                    expect(in, "250");
                    expect(in, "250");
                    expect(in, "354");
                    unanswered.add(id);
                    send(out, "Subject: crash " + id + "\r\nMessage-ID: <" + id + ">\r\n\r\n"
                            + "body line\r\n".repeat(50) + ".\r\n");
                    String reply = reply(in);
                    unanswered.remove(id);
                    if (reply.startsWith("250")) {
                        acknowledged.add(id);
                    } else {
                        refused.incrementAndGet();
                    }
                }
                send(out, "QUIT\r\n");
            } catch (IOException e) {
                pause(); // the daemon is down or was killed mid-session: connect again
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line = reply(in);
        if (!line.startsWith(code)) {
            throw new IOException("expected " + code + ", got: " + line);
        }
    }

    /** The last line of one (possibly multi-line) reply. */
    private static String reply(BufferedReader in) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private Map<String, Integer> storedMessageIds() {
        Map<String, Integer> counts = new HashMap<>();
        try (Store store = Store.open(daemon.dataDirectory())) {
            for (MessageInfo info : store.messages().list("example.com", "user/joe/INBOX")) {
                String text = new String(store.messages().read("example.com", "user/joe/INBOX", info.uid()),
                        StandardCharsets.US_ASCII);
                Matcher m = MESSAGE_ID.matcher(text);
                assertTrue(m.find(), () -> "no Message-ID in uid " + info.uid() + ": " + text);
                counts.merge(m.group(1), 1, Integer::sum);
            }
        }
        return counts;
    }
}
