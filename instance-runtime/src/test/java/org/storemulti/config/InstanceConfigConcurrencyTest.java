package org.storemulti.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** Regression: threads expanding one shared configuration saw a false "parameter loop". */
class InstanceConfigConcurrencyTest {

    @Test
    void threadsExpandingOneConfigurationAllGetTheValueAndNoFalseLoop() throws Exception {
        for (int round = 0; round < 300; round++) {
            InstanceConfig config = InstanceConfig.of(Path.of("/etc/store-a"),
                    MainCf.parse("/etc/store-a/main.cf", "queue_directory = /var/spool/store-a\n"));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> results = new ArrayList<>();
                CountDownLatch go = new CountDownLatch(1);
                Callable<String> lmtp = () -> {
                    go.await();
                    return config.get("lmtp_listen");
                };
                for (int i = 0; i < 8; i++) {
                    results.add(pool.submit(lmtp));
                }
                go.countDown();
                for (Future<String> result : results) {
                    assertEquals("unix:/var/spool/store-a/private/lmtp", result.get());
                }
            } finally {
                pool.shutdown();
            }
        }
    }
}
