package org.storemulti.store.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.storemulti.store.Store;
import org.storemulti.store.fixture.LegacyStoreBuilder;
import org.storemulti.store.message.MailboxHandle;
import org.storemulti.store.message.MailboxSnapshot;
import org.storemulti.store.message.MessageRecord;
import org.storemulti.store.message.UidSet;
import org.storemulti.store.mime.MimeParser;

/**
 * The read side against a mailbox of N messages (default 100,000): what IMAP's SELECT
 * (snapshot), a poll (state), CONDSTORE (changes since) and FETCH of 2,000 messages with and
 * without structure cost. Minimum, median and maximum of several runs after one warm-up (on a
 * shared machine the minimum is the least disturbed). Run by
 * {@code bench/engine-read.sh}.
 *
 * <p>Arguments: scratch directory, messages in the mailbox.
 */
public final class ReadBenchmark {

    private ReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        parseCost();
        Path data = Path.of(args[0]);
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        long built = System.nanoTime();
        LegacyStoreBuilder.buildInbox(data, messages, 3);
        System.out.printf("built a store with %d messages in user0's INBOX in %.1f s (upgraded on open)%n",
                messages, (System.nanoTime() - built) / 1e9);
        try (Store store = Store.open(data)) {
            MailboxHandle inbox = store.messages().mailbox("example.com", "user/user0/INBOX");
            MailboxSnapshot snapshot = inbox.snapshot();
            System.out.printf("INBOX: %d messages, highest modseq %d%n", snapshot.size(), snapshot.state().highestModseq());
            UidSet last2000 = UidSet.range(snapshot.uid(snapshot.size() - 2000), Long.MAX_VALUE);
            inbox.fetch(last2000, true); // parses and caches the structures of these pre-upgrade messages
            time("snapshot (SELECT)", 20, () -> inbox.snapshot().size());
            time("state (poll)", 200, () -> inbox.state().messages());
            long highest = inbox.state().highestModseq();
            time("changes since highest", 200, () -> inbox.changesSince(highest).changed().size());
            time("fetch 2000, no structure", 20, () -> inbox.fetch(last2000, false).size());
            time("fetch 2000 with structure", 20, () -> {
                List<MessageRecord> records = inbox.fetch(last2000, true);
                return records.get(0).structure().body().parts().size() + records.size();
            });
        }
    }

    /** What a delivery pays in its own thread for the MIME cache: parse and encode a 5 KB multipart message. */
    private static void parseCost() {
        byte[] message = ("From: Joe <joe@example.com>\r\nTo: ann@example.com\r\nSubject: bench\r\n"
                + "Message-ID: <bench@example.com>\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n"
                + "Content-Type: text/plain\r\n\r\n" + "text text text text text text text text\r\n".repeat(60)
                + "--b\r\nContent-Type: text/html\r\n\r\n" + "<p>html html html html html html</p>\r\n".repeat(60)
                + "--b--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        time("parse+encode " + message.length + " B (x1000)", 20, () -> {
            int total = 0;
            for (int i = 0; i < 1000; i++) {
                total += MimeParser.parse(message).encode().length();
            }
            return total;
        });
    }

    private static void time(String what, int runs, Supplier<Object> work) {
        work.get();
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("%-28s min %7.2f ms, median %7.2f ms, max %7.2f ms (%d runs)%n", what, millis[0],
                millis[runs / 2], millis[runs - 1], runs);
    }
}
