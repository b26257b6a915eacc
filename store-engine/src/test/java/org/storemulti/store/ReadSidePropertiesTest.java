package org.storemulti.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.storemulti.store.mailbox.MailboxInfo;
import org.storemulti.store.message.Delivery;
import org.storemulti.store.message.ExpungeHistory;
import org.storemulti.store.message.Expunged;
import org.storemulti.store.message.FlagChange;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MailboxHandle;
import org.storemulti.store.message.MailboxSnapshot;
import org.storemulti.store.message.MessageRecord;
import org.storemulti.store.message.UidSet;

/**
 * Random sequences of deliver, append, flag changes, copy, move, expunge and rename (seeded,
 * so a failure replays) keep, after every step: modseqs strictly increasing per mailbox for
 * whatever changed, highest modseq = the largest modseq of its messages and expunges, usage
 * = the sum of message sizes, GUIDs unique per mailbox, and the expunge log answering
 * "expunged since N" exactly for every N the mailbox ever reported.
 */
class ReadSidePropertiesTest {

    static final String DOMAIN = "example.com";

    @TempDir
    Path data;

    /** What the test saw of one mailbox (by GUID): its states after each step. */
    static final class Seen {
        final List<Long> highest = new ArrayList<>();
        final List<Set<Long>> uids = new ArrayList<>();
        final Map<Long, Long> modseqs = new HashMap<>();
        final Map<Long, Flags> flags = new HashMap<>();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomOperationsKeepTheReadSideInvariants(long seed) throws IOException {
        Random random = new Random(seed);
        Map<String, Seen> seen = new HashMap<>();
        try (Store store = Store.open(data)) {
            store.domains().add(DOMAIN);
            store.mailboxes().addUser(DOMAIN, "joe");
            store.mailboxes().addUser(DOMAIN, "ann");
            store.mailboxes().addUserFolder(DOMAIN, "joe", "A");
            store.mailboxes().addUserFolder(DOMAIN, "joe", "B");
            store.mailboxes().addShared(DOMAIN, "team", "joe");
            check(store, seen, "start");
            for (int step = 0; step < 60; step++) {
                String did = step(store, random, step);
                check(store, seen, "seed " + seed + " step " + step + " " + did);
            }
        }
    }

    private static String step(Store store, Random random, int step) throws IOException {
        List<String> names = store.mailboxes().all(DOMAIN).stream().map(MailboxInfo::name).toList();
        String name = names.get(random.nextInt(names.size()));
        MailboxHandle mailbox = store.messages().mailbox(DOMAIN, name);
        MailboxHandle other = store.messages().mailbox(DOMAIN, names.get(random.nextInt(names.size())));
        UidSet some = someUids(mailbox, random);
        switch (random.nextInt(8)) {
            case 0, 1 -> {
                int n = 1 + random.nextInt(3);
                List<Delivery> deliveries = new ArrayList<>();
                byte[] content = ("Subject: " + step + "\r\n\r\n" + "x".repeat(random.nextInt(300)) + "\r\n").getBytes(UTF_8);
                for (int i = 0; i < n; i++) {
                    deliveries.add(new Delivery(DOMAIN, names.get(random.nextInt(names.size())), content, null,
                            flags(random)));
                }
                store.deliver(deliveries);
                return "deliver " + n;
            }
            case 2 -> {
                mailbox.append(new ByteArrayInputStream(("Subject: a" + step + "\r\n\r\nbody\r\n").getBytes(UTF_8)),
                        flags(random), null);
                return "append to " + name;
            }
            case 3 -> {
                FlagChange.Mode mode = FlagChange.Mode.values()[random.nextInt(3)];
                mailbox.store(some, new FlagChange(mode, flags(random)), random.nextInt(4) == 0
                        ? Math.max(0, mailbox.state().highestModseq() - random.nextInt(5)) : -1);
                return "store " + mode + " " + some + " in " + name;
            }
            case 4 -> {
                mailbox.copy(some, other);
                return "copy " + some + " " + name + " to " + other.state().mailbox();
            }
            case 5 -> {
                mailbox.move(some, other);
                return "move " + some + " " + name + " to " + other.state().mailbox();
            }
            case 6 -> {
                mailbox.store(some, FlagChange.add(Flags.of("\\Deleted")), -1);
                mailbox.expunge(random.nextBoolean() ? UidSet.ALL : some);
                return "expunge " + some + " in " + name;
            }
            default -> {
                List<String> folders = names.stream().filter(n -> n.startsWith("user/joe/") && !n.endsWith("/INBOX"))
                        .toList();
                String folder = folders.get(random.nextInt(folders.size())).substring("user/joe/".length());
                store.mailboxes().renameUserFolder(DOMAIN, "joe", folder, folder + "x");
                return "rename " + folder;
            }
        }
    }

    private static UidSet someUids(MailboxHandle mailbox, Random random) {
        long[] uids = mailbox.snapshot().uids();
        List<Long> chosen = new ArrayList<>();
        for (long uid : uids) {
            if (random.nextInt(3) == 0) {
                chosen.add(uid);
            }
        }
        if (random.nextInt(5) == 0) {
            chosen.add(1000L); // a UID that does not exist
        }
        return UidSet.of(chosen);
    }

    private static Flags flags(Random random) {
        List<String> all = List.of("\\Seen", "\\Flagged", "\\Deleted", "\\Answered", "$Label1", "work", "later");
        Set<String> chosen = new HashSet<>();
        for (String flag : all) {
            if (random.nextInt(4) == 0) {
                chosen.add(flag);
            }
        }
        return Flags.of(chosen);
    }

    private static void check(Store store, Map<String, Seen> seen, String after) {
        for (MailboxInfo info : store.mailboxes().all(DOMAIN)) {
            MailboxHandle mailbox = store.messages().mailbox(DOMAIN, info.name());
            MailboxSnapshot snapshot = mailbox.snapshot();
            Seen before = seen.computeIfAbsent(info.guid(), g -> new Seen());
            long highest = snapshot.state().highestModseq();
            long previous = before.highest.isEmpty() ? 0 : before.highest.get(before.highest.size() - 1);
            Set<Long> uids = new TreeSet<>();
            Map<Long, Long> modseqs = new HashMap<>();
            Map<Long, Flags> flags = new HashMap<>();
            for (int i = 0; i < snapshot.size(); i++) {
                uids.add(snapshot.uid(i));
                modseqs.put(snapshot.uid(i), snapshot.modseq(i));
                flags.put(snapshot.uid(i), snapshot.flags(i));
            }
            String where = after + ": " + info.name();
            boolean changed = !before.uids.isEmpty()
                    && (!uids.equals(before.uids.get(before.uids.size() - 1)) || !flags.equals(before.flags));
            assertTrue(highest >= previous, where + ": highest modseq went down");
            if (changed) {
                assertTrue(highest > previous, where + ": changed without a higher modseq");
            }
            for (long uid : uids) {
                boolean fresh = !before.flags.containsKey(uid) || !before.flags.get(uid).equals(flags.get(uid));
                if (fresh && !before.highest.isEmpty()) {
                    assertTrue(modseqs.get(uid) > previous, where + ": uid " + uid + " changed at an old modseq");
                } else if (!before.highest.isEmpty()) {
                    assertEquals(before.modseqs.get(uid), modseqs.get(uid), where + ": uid " + uid + " modseq moved");
                }
            }
            List<Expunged> log = ((ExpungeHistory.Known) mailbox.expungedSince(0)).expunged();
            long max = LongStream.concat(modseqs.values().stream().mapToLong(Long::longValue),
                    log.stream().mapToLong(Expunged::modseq)).max().orElse(1);
            assertEquals(Math.max(max, 1), highest, where + ": highest modseq is not the maximum");
            List<MessageRecord> records = mailbox.fetch(UidSet.ALL, false);
            assertEquals(info.usedBytes(), records.stream().mapToLong(MessageRecord::size).sum(), where + ": usage");
            assertEquals(records.size(), records.stream().map(MessageRecord::guid).distinct().count(), where + ": GUIDs");
            before.highest.add(highest);
            before.uids.add(uids);
            before.modseqs.clear();
            before.modseqs.putAll(modseqs);
            before.flags.clear();
            before.flags.putAll(flags);
            for (int j = 0; j < before.highest.size(); j++) {
                Set<Long> expected = new TreeSet<>();
                for (int i = j; i < before.uids.size(); i++) {
                    expected.addAll(before.uids.get(i));
                }
                expected.removeAll(uids);
                ExpungeHistory history = mailbox.expungedSince(before.highest.get(j));
                assertEquals(expected, new TreeSet<>(((ExpungeHistory.Known) history).expunged().stream()
                        .map(Expunged::uid).toList()), where + ": expunged since " + before.highest.get(j));
            }
        }
        assertEquals(List.of(), store.tools().verify(false), after);
    }
}
