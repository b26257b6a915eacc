package org.storemulti.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.PrintStream;
import java.nio.file.Path;
import org.storemulti.store.message.Delivery;
import org.storemulti.store.message.DeliveryResult;
import org.storemulti.store.message.DeliveryResult.Stored;

/**
 * The process {@link CrashTest} kills: delivers from several threads until killed and
 * prints {@code ACK mailbox uid text END} for every acknowledged delivery, after the
 * acknowledgement. Arguments: data directory, run tag.
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        String tag = args[1];
        PrintStream out = new PrintStream(System.out, false, UTF_8);
        Store store = Store.open(data);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int thread = t;
            threads[t] = new Thread(() -> deliverForever(store, out, tag + "-" + thread, thread));
            threads[t].start();
        }
        out.println("READY");
        out.flush();
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static void deliverForever(Store store, PrintStream out, String name, int thread) {
        String mailbox = "user/u" + (thread % 2) + "/INBOX";
        for (long i = 0; ; i++) {
            String text = name + "-" + i + "-" + "x".repeat((int) (i % 7) * 100);
            DeliveryResult result = store.batcher().deliver(Delivery.of(CrashTest.DOMAIN, mailbox, text.getBytes(UTF_8)));
            if (result instanceof Stored stored) {
                synchronized (out) {
                    out.println("ACK " + mailbox + " " + stored.uid() + " " + text + " END");
                    out.flush();
                }
            }
        }
    }
}
