package org.storemulti.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import org.storemulti.store.message.DeliveryResult;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MailboxHandle;
import org.storemulti.store.message.MailboxState;
import org.storemulti.store.message.MessageBatch;
import org.storemulti.store.message.MessageRecord;
import org.storemulti.store.message.UidSet;

/**
 * The process {@link SaveBatchCrashTest} kills: saves batches into the target store until
 * killed, in turn a batch mirrored from a mailbox of the source store (hard-linked files) and a
 * batch of new messages (written, synced on the batch's pool), and prints
 * {@code ACK mailbox uid WHAT END} for each message a commit stored, after the commit; WHAT is
 * {@code m<k>} (the message of that UID in the source's mailbox {@code m<k>}) or
 * {@code new:<name>} ({@link SaveBatchCrashTest#message}).
 * Arguments: source data directory, target data directory, run tag, first source mailbox.
 */
public final class SaveBatchCrashChild {

    static final int BATCH = 10;

    private SaveBatchCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, false, UTF_8);
        Store source = Store.open(Path.of(args[0]));
        Store target = Store.open(Path.of(args[1]));
        String tag = args[2];
        for (int next = Integer.parseInt(args[3]); ; next++) {
            int k = next;
            MailboxHandle from = source.messages().mailbox(SaveBatchCrashTest.DOMAIN, "user/joe/m" + k);
            String folder = tag + "-m" + k;
            target.mailboxes().addUserFolder(SaveBatchCrashTest.DOMAIN, "joe", folder);
            MailboxHandle to = target.messages().mailbox(SaveBatchCrashTest.DOMAIN, "user/joe/" + folder);
            MailboxState state = from.state();
            to.resetIdentity(state.guid(), state.uidValidity());
            List<MessageRecord> records = from.fetch(UidSet.ALL, false);
            for (int start = 0; start < records.size(); start += BATCH) {
                try (MessageBatch batch = to.saveBatch()) {
                    for (MessageRecord record : records.subList(start, Math.min(records.size(), start + BATCH))) {
                        try (InputStream content = record.content().open()) {
                            batch.add(content, record.flags(), record.internalDate(), record.guid(), record.uid());
                        }
                    }
                    acknowledge(out, "user/joe/" + folder, batch.commit(), i -> "m" + k);
                }
                saveNew(target, out, tag + "-" + k + "-" + start);
            }
        }
    }

    /** A batch of new messages into the INBOX, acknowledged after its commit. */
    private static void saveNew(Store target, PrintStream out, String name) throws java.io.IOException {
        try (MessageBatch batch = target.messages().mailbox(SaveBatchCrashTest.DOMAIN, SaveBatchCrashTest.INBOX)
                .saveBatch()) {
            for (int i = 0; i < BATCH; i++) {
                batch.add(new ByteArrayInputStream(SaveBatchCrashTest.message(name + "-" + i)), Flags.NONE, null, null,
                        0);
            }
            acknowledge(out, SaveBatchCrashTest.INBOX, batch.commit(), i -> "new:" + name + "-" + i);
        }
    }

    private static void acknowledge(PrintStream out, String mailbox, List<DeliveryResult> results,
            IntFunction<String> what) {
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof DeliveryResult.Stored stored) {
                out.println("ACK " + mailbox + " " + stored.uid() + " " + what.apply(i) + " END");
            }
        }
        out.flush();
    }
}
