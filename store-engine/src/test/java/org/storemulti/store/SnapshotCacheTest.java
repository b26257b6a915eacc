package org.storemulti.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.storemulti.store.fixture.LegacyStoreBuilder;
import org.storemulti.store.message.FlagChange;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MailboxHandle;
import org.storemulti.store.message.MailboxSnapshot;
import org.storemulti.store.message.MessageRecord;
import org.storemulti.store.message.UidSet;

/**
 * A large mailbox's snapshot, kept between SELECTs and brought up to date from its changes,
 * always equals the messages as FETCH reads them: after random flag changes, appends,
 * expunges, copies in and nothing at all (seeded, so a failure replays), on a second handle
 * too, and in a second store opened on the same files while the first one changes them.
 */
class SnapshotCacheTest {

    private static final String INBOX = "user/user0/INBOX";

    @TempDir
    Path data;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aKeptSnapshotAlwaysMatchesTheMessages(long seed) throws IOException {
        LegacyStoreBuilder.buildInbox(data, 5000, seed); // large enough to be kept
        Random random = new Random(seed);
        try (Store store = Store.open(data); Store other = Store.open(data)) {
            MailboxHandle inbox = store.messages().mailbox("example.com", INBOX);
            MailboxHandle archive = store.messages().mailbox("example.com", "user/user0/Archive");
            check(inbox, "start");
            for (int step = 0; step < 30; step++) {
                String did = step(inbox, archive, random, step);
                check(inbox, "seed " + seed + " step " + step + ": " + did);
                check(store.messages().mailbox("example.com", INBOX), "a second handle, step " + step);
                check(other.messages().mailbox("example.com", INBOX), "the other store, step " + step);
            }
        }
    }

    private static String step(MailboxHandle inbox, MailboxHandle archive, Random random, int step) throws IOException {
        UidSet some = some(inbox.snapshot(), random);
        switch (random.nextInt(6)) {
            case 0 -> {
                FlagChange.Mode mode = FlagChange.Mode.values()[random.nextInt(3)];
                inbox.store(some, new FlagChange(mode, random.nextBoolean() ? Flags.of("\\Seen") : Flags.of("work")), -1);
                return "store " + mode + " " + some;
            }
            case 1 -> {
                inbox.append(new ByteArrayInputStream(("Subject: a" + step + "\r\n\r\nbody\r\n").getBytes(UTF_8)),
                        Flags.of("\\Flagged"), null);
                return "append";
            }
            case 2 -> {
                inbox.store(some, FlagChange.add(Flags.of("\\Deleted")), -1);
                inbox.expunge(some);
                return "expunge " + some;
            }
            case 3 -> {
                archive.copy(some(archive.snapshot(), random), inbox);
                return "copy in from the Archive";
            }
            case 4 -> {
                inbox.store(some, FlagChange.add(Flags.of("\\Deleted")), -1);
                inbox.expunge(some);
                inbox.append(new ByteArrayInputStream(("Subject: b" + step + "\r\n\r\nbody\r\n").getBytes(UTF_8)),
                        Flags.of(), null);
                return "expunge " + some + " and append";
            }
            default -> {
                return "nothing";
            }
        }
    }

    /** A few UIDs of the mailbox, at random. */
    private static UidSet some(MailboxSnapshot snapshot, Random random) {
        List<Long> chosen = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(20); i++) {
            chosen.add(snapshot.uid(random.nextInt(snapshot.size())));
        }
        return UidSet.of(chosen);
    }

    /** The snapshot against every message read through FETCH's path, which keeps nothing. */
    private static void check(MailboxHandle mailbox, String when) {
        MailboxSnapshot snapshot = mailbox.snapshot();
        List<MessageRecord> records = mailbox.fetch(UidSet.range(1, Long.MAX_VALUE), false);
        assertEquals(records.size(), snapshot.size(), when + ": message count");
        assertEquals(records.size(), snapshot.state().messages(), when + ": the state's count");
        assertArrayEquals(records.stream().mapToLong(MessageRecord::uid).toArray(), snapshot.uids(), when + ": UIDs");
        for (int i = 0; i < records.size(); i++) {
            MessageRecord r = records.get(i);
            assertEquals(r.modseq(), snapshot.modseq(i), when + ": modseq of UID " + r.uid());
            assertEquals(r.flags(), snapshot.flags(i), when + ": flags of UID " + r.uid());
        }
        assertEquals(mailbox.state().highestModseq(), snapshot.state().highestModseq(), when + ": highest modseq");
    }
}
