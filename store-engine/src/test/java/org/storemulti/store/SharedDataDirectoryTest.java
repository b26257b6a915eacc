package org.storemulti.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.message.Delivery;
import org.storemulti.store.message.DeliveryResult;

/** An admin tool and a daemon open the same data directory, each with its own connections. */
class SharedDataDirectoryTest {

    @TempDir
    Path data;

    @Test
    void anAdminToolWritesWhileTheDaemonDelivers() throws Exception {
        try (Store daemon = Store.open(data)) {
            daemon.domains().add("example.com");
            daemon.mailboxes().addUser("example.com", "joe");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger delivered = new AtomicInteger();
            List<DeliveryResult> failures = new ArrayList<>();
            Thread delivering = new Thread(() -> {
                while (!stop.get()) {
                    DeliveryResult result = daemon.batcher().deliver(
                            Delivery.of("example.com", "user/joe/INBOX", new byte[512]));
                    if (result instanceof DeliveryResult.Stored) {
                        delivered.incrementAndGet();
                    } else {
                        failures.add(result);
                    }
                }
            });
            delivering.start();
            try (Store admin = Store.open(data)) {
                for (int i = 0; i < 30; i++) {
                    admin.domains().add("d" + i + ".org");
                    admin.mailboxes().addUser("d" + i + ".org", "postmaster");
                }
                assertEquals(31, admin.domains().list("*").size());
                assertEquals(List.of(), admin.tools().verify(false), "files in flight are not problems");
            }
            stop.set(true);
            delivering.join();
            assertEquals(List.of(), failures);
            assertEquals(delivered.get(), daemon.messages().list("example.com", "user/joe/INBOX").size());
            assertInstanceOf(DeliveryResult.Stored.class, daemon.deliver(List.of(
                    Delivery.of("d7.org", "user/postmaster/INBOX", new byte[1]))).get(0));
        }
    }
}
