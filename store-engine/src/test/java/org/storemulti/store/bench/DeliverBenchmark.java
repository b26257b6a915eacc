package org.storemulti.store.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.storemulti.fs.DirectorySync;
import org.storemulti.store.Store;
import org.storemulti.store.message.Delivery;
import org.storemulti.store.message.DeliveryBatcher;
import org.storemulti.store.message.DeliveryResult;

/**
 * Engine-level delivery throughput with group commit, next to the disk's raw rate of
 * durable file creation. Run by {@code bench/engine-deliver.sh}.
 *
 * <p>Arguments: scratch directory (same file system as a real data directory), seconds per
 * measurement, thread counts (default 1 4 16).
 */
public final class DeliverBenchmark {

    private static final int MESSAGE_SIZE = 2048;

    private DeliverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path scratch = Path.of(args.length > 0 ? args[0] : "target/bench");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int[] threads = args.length > 2 ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 4, 16};
        Files.createDirectories(scratch);
        System.out.printf("message size %d bytes, %d s per measurement, %d cores%n", MESSAGE_SIZE, seconds,
                Runtime.getRuntime().availableProcessors());
        raw(scratch.resolve("raw"), seconds);
        for (int count : threads) {
            engine(scratch.resolve("engine-" + count), count, seconds);
        }
        admin(scratch.resolve("admin"));
    }

    /** {@code mbox_user_add} + {@code auth_add} for 1000 users, one commit each versus one bulk. */
    private static void admin(Path data) {
        try (Store store = Store.open(data)) {
            store.domains().add("one.example");
            store.domains().add("bulk.example");
            long start = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                addUser(store, "one.example", i);
            }
            double single = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            store.bulk(() -> {
                for (int i = 0; i < 1000; i++) {
                    addUser(store, "bulk.example", i);
                }
            });
            double bulk = (System.nanoTime() - start) / 1e9;
            System.out.printf("admin: 1000 users (mailbox + auth account): %.2f s one by one, %.2f s in one bulk%n",
                    single, bulk);
        }
    }

    private static void addUser(Store store, String domain, int i) {
        store.mailboxes().addUser(domain, "user" + i);
        store.authAccounts().add("user" + i + "@" + domain, "{SHA512-CRYPT}" + STATIC_HASH);
    }

    /** A fixed SHA512-CRYPT hash, so the measurement is the store's, not the hash function's. */
    private static final String STATIC_HASH = "$6$abcdefgh$ltjgWl6579NluT/Vi1nwEvcil.G5Nbc4NiXZaNGStk8PSwGfQv72N2CKPPrVACtLtip"
            + "/cZ/1GM/O6IND4WQhG.";

    /** One stream of write + fsync + rename (+ directory fsync), as a message file costs. */
    private static void raw(Path directory, int seconds) throws IOException {
        Files.createDirectories(directory);
        byte[] body = new byte[MESSAGE_SIZE];
        for (boolean syncDirectory : new boolean[] {false, true}) {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long start = System.nanoTime();
            long count = 0;
            while (System.nanoTime() < end) {
                Path temp = directory.resolve(".tmp-" + count);
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(body));
                    channel.force(true);
                }
                Files.move(temp, directory.resolve((syncDirectory ? "d" : "f") + count), StandardCopyOption.ATOMIC_MOVE);
                if (syncDirectory) {
                    DirectorySync.FSYNC.sync(directory);
                }
                count++;
            }
            double rate = count / ((System.nanoTime() - start) / 1e9);
            System.out.printf("raw write+fsync+rename%s: %.0f files/s%n", syncDirectory ? "+dirsync" : "", rate);
        }
    }

    /** {@code threads} callers of the group-commit batcher, each delivering one message at a time. */
    private static void engine(Path data, int threads, int seconds) throws Exception {
        try (Store store = Store.open(data)) {
            store.domains().add("bench.example");
            for (int i = 0; i < threads; i++) {
                store.mailboxes().addUser("bench.example", "u" + i);
            }
            DeliveryBatcher batcher = store.batcher();
            AtomicBoolean stop = new AtomicBoolean();
            LongAdder stored = new LongAdder();
            LongAdder failed = new LongAdder();
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                String mailbox = "user/u" + t + "/INBOX";
                workers[t] = new Thread(() -> {
                    byte[] body = new byte[MESSAGE_SIZE];
                    while (!stop.get()) {
                        DeliveryResult result = batcher.deliver(Delivery.of("bench.example", mailbox, body));
                        (result instanceof DeliveryResult.Stored ? stored : failed).increment();
                    }
                });
            }
            long commitsBefore = batcher.commits();
            long start = System.nanoTime();
            for (Thread worker : workers) {
                worker.start();
            }
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            for (Thread worker : workers) {
                worker.join();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long commits = batcher.commits() - commitsBefore;
            System.out.printf("engine %2d thread(s): %.0f deliveries/s, %.0f commits/s, %.1f deliveries/commit,"
                    + " %d failed%n", threads, stored.sum() / elapsed, commits / elapsed,
                    (double) stored.sum() / Math.max(1, commits), failed.sum());
        }
    }
}
