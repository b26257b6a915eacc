package org.storemulti.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.message.Delivery;
import org.storemulti.store.message.DeliveryBatcher;
import org.storemulti.store.message.DeliveryResult;
import org.storemulti.store.message.DeliveryResult.Stored;
import org.storemulti.store.message.MessageInfo;

class GroupCommitTest {

    static final String DOMAIN = "example.com";
    static final int THREADS = 8;
    static final int PER_THREAD = 40;

    @TempDir
    Path data;

    record Acknowledged(String mailbox, long uid, String text) {
    }

    @Test
    void concurrentDeliveriesShareCommitsAndEveryAcknowledgedMessageIsPresentExactlyOnce() throws Exception {
        try (Store store = Store.open(data)) {
            store.domains().add(DOMAIN);
            for (int i = 0; i < 4; i++) {
                store.mailboxes().addUser(DOMAIN, "u" + i);
            }
            DeliveryBatcher batcher = store.batcher();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<List<Acknowledged>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> deliverMany(batcher, thread)));
            }
            List<Acknowledged> acknowledged = new ArrayList<>();
            for (Future<List<Acknowledged>> future : futures) {
                acknowledged.addAll(future.get());
            }
            pool.shutdown();

            assertEquals(THREADS * PER_THREAD, acknowledged.size());
            assertTrue(batcher.commits() < acknowledged.size(),
                    "group commit batched: " + batcher.commits() + " commits for " + acknowledged.size());
            Map<String, List<MessageInfo>> listed = new HashMap<>();
            for (int i = 0; i < 4; i++) {
                String mailbox = "user/u" + i + "/INBOX";
                listed.put(mailbox, store.messages().list(DOMAIN, mailbox));
            }
            assertEquals(acknowledged.size(), listed.values().stream().mapToInt(List::size).sum(),
                    "no message stored twice, none lost");
            for (Acknowledged ack : acknowledged) {
                assertEquals(ack.text(), new String(store.messages().read(DOMAIN, ack.mailbox(), ack.uid()), UTF_8));
            }
            assertTrue(store.tools().verify(false).isEmpty());
        }
    }

    @Test
    void concurrentMultiRecipientTransactionsStoreEachContentOnceAndAllRecipientsGetIt() throws Exception {
        try (Store store = Store.open(data)) {
            store.domains().add(DOMAIN);
            List<String> inboxes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                store.mailboxes().addUser(DOMAIN, "u" + i);
                inboxes.add("user/u" + i + "/INBOX");
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        byte[] body = ("from " + thread + " #" + i).getBytes(UTF_8);
                        List<DeliveryResult> results = store.batcher().deliver(inboxes.stream()
                                .map(inbox -> Delivery.of(DOMAIN, inbox, body)).toList());
                        results.forEach(r -> assertInstanceOf(Stored.class, r));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            pool.shutdown();
            for (String inbox : inboxes) {
                assertEquals(40, store.messages().status(DOMAIN, inbox).messages());
            }
            assertEquals(40, DeliveryTest.messageFiles(data), "one file per content, shared by three recipients");
            assertEquals(List.of(), store.batcher().deliver(List.of()));
        }
    }

    private static List<Acknowledged> deliverMany(DeliveryBatcher batcher, int thread) {
        List<Acknowledged> acknowledged = new ArrayList<>();
        for (int i = 0; i < PER_THREAD; i++) {
            String mailbox = "user/u" + (i % 4) + "/INBOX";
            String text = "thread " + thread + " message " + i;
            DeliveryResult result = batcher.deliver(Delivery.of(DOMAIN, mailbox, text.getBytes(UTF_8)));
            assertInstanceOf(Stored.class, result);
            acknowledged.add(new Acknowledged(mailbox, ((Stored) result).uid(), text));
        }
        return acknowledged;
    }
}
