package org.storemulti.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.UnixDomainSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.storemulti.admin.StoreAdm;
import org.storemulti.lmtp.LmtpClient;
import org.storemulti.store.Store;
import org.storemulti.store.message.UidSet;

import picocli.CommandLine;

/**
 * {@code storeadm sync mirror} between two instances whose daemons run, while mail keeps
 * arriving over LMTP at one of them: every run is 0 or 2 (a mailbox changed meanwhile), the run
 * after the deliveries stop is 0, and every acknowledged message is on both sides exactly once.
 */
@Timeout(120)
class SyncWhileDaemonsRunTest {

    private DaemonUnderTest a;
    private DaemonUnderTest b;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean delivering = new AtomicBoolean(true);

    @BeforeEach
    void startBoth() throws IOException {
        a = DaemonUnderTest.create();
        b = DaemonUnderTest.create();
        for (DaemonUnderTest each : List.of(a, b)) {
            each.start();
            try (Store store = Store.open(each.dataDirectory())) {
                store.domains().add("example.com");
                store.mailboxes().addUser("example.com", "joe");
            }
        }
    }

    @AfterEach
    void stopBoth() throws IOException {
        delivering.set(false);
        a.close();
        b.close();
    }

    @Test
    void mirrorsWhileMailArrivesEndWithBothSidesHoldingEveryAcknowledgedMessageOnce() throws Exception {
        Thread client = new Thread(this::deliverInALoop, "lmtp-client");
        client.start();
        for (int run = 0; run < 4; run++) {
            int before = acknowledged.size();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (acknowledged.size() < before + 10) {
                assertTrue(System.nanoTime() < deadline, "deliveries stalled; daemon log:\n" + a.log());
                client.join(5); // polls the count; returns at once if the client died
            }
            int status = mirror();
            assertTrue(status == 0 || status == 2, "run " + run + ": exit " + status);
        }
        delivering.set(false);
        client.join();
        assertEquals(0, mirror(), "the run after the deliveries stopped");
        Set<String> onA = messageIds(a);
        assertEquals(onA, messageIds(b));
        assertEquals(acknowledged.size(), onA.size(), "every acknowledged message, once");
        for (DaemonUnderTest each : List.of(a, b)) {
            try (Store store = Store.open(each.dataDirectory())) {
                assertEquals(List.of(), store.tools().verify(false));
            }
        }
    }

    private int mirror() {
        CommandLine storeadm = StoreAdm.commandLine();
        storeadm.setErr(new PrintWriter(new StringWriter(), true));
        storeadm.setOut(new PrintWriter(new StringWriter(), true));
        return storeadm.execute("-c", a.configDirectory().toString(), "sync", "-u", "joe@example.com", "mirror",
                "store:" + b.configDirectory());
    }

    /** The GUIDs in joe's INBOX; a message stored twice fails here. */
    private static Set<String> messageIds(DaemonUnderTest instance) throws IOException {
        try (Store store = Store.open(instance.dataDirectory())) {
            var records = store.messages().mailbox("example.com", "user/joe/INBOX").fetch(UidSet.ALL, false);
            Set<String> ids = records.stream().map(r -> r.guid()).collect(Collectors.toSet());
            assertEquals(records.size(), ids.size(), "a message stored twice");
            return ids;
        }
    }

    private void deliverInALoop() {
        int n = 0;
        try (LmtpClient lmtp = new LmtpClient(UnixDomainSocketAddress.of(a.unixSocket()))) {
            lmtp.greet();
            while (delivering.get()) {
                n++;
                lmtp.send("MAIL FROM:<ann@example.com>\r\n");
                lmtp.reply();
                lmtp.send("RCPT TO:<joe@example.com>\r\n");
                lmtp.reply();
                lmtp.send("DATA\r\n");
                lmtp.reply();
                lmtp.send("From: ann@example.com\r\nMessage-ID: <m" + n + "@test>\r\nSubject: " + n + "\r\n\r\nbody " + n
                        + "\r\n.\r\n");
                if (lmtp.reply().startsWith("250")) {
                    acknowledged.add("m" + n);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
