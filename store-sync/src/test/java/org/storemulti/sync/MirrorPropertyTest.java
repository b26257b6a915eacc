package org.storemulti.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.storemulti.sync.TwoStores.DOMAIN;
import static org.storemulti.sync.TwoStores.USER;
import static org.storemulti.sync.TwoStores.addFolder;
import static org.storemulti.sync.TwoStores.addUser;
import static org.storemulti.sync.TwoStores.mailbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemulti.store.Store;
import org.storemulti.store.message.FlagChange;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MessageRecord;
import org.storemulti.store.message.UidSet;
import org.storemulti.sync.SyncOptions.Mode;

/**
 * Seeded random changes on both sides between mirrors: after each mirror both sides are the
 * same (mailboxes, UIDs, flags, bodies), every message either side had is on both unless an
 * operation expunged it, and flags are the three-way merge of both sides' changes.
 */
class MirrorPropertyTest {

    private static final List<String> FLAGS = List.of("\\Seen", "\\Flagged", "\\Answered", "\\Draft", "$Work", "$Later");

    @TempDir
    Path directory;

    static Stream<Long> seeds() {
        return LongStream.range(1, 13).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void nothingIsLostAndFlagsAreMergedWhateverBothSidesDid(long seed) throws IOException {
        Random random = new Random(seed);
        try (TwoStores stores = new TwoStores(Files.createDirectories(directory.resolve("s" + seed)))) {
            addUser(stores.storeA(), "joe");
            addUser(stores.storeB(), "joe");
            for (int round = 0; round < 4; round++) {
                MailView baseA = MailView.of(stores.a, USER);
                Set<String> expunged = new HashSet<>();
                change(stores, stores.storeA(), random, expunged);
                change(stores, stores.storeB(), random, expunged);
                MailView before = MailView.of(stores.a, USER);
                MailView beforeB = MailView.of(stores.b, USER);
                UserReport report = stores.sync(SyncOptions.of(Mode.MIRROR));
                assertEquals(0, report.status(), "seed " + seed + " round " + round + ": " + stores.lines);
                MailView after = MailView.of(stores.a, USER);
                assertEquals(after, MailView.of(stores.b, USER), "seed " + seed + " round " + round);
                Set<String> expected = new HashSet<>(before.guids());
                expected.addAll(beforeB.guids());
                expected.removeAll(expunged);
                assertEquals(expected, new HashSet<>(after.guids()), "seed " + seed + " round " + round + ": nothing lost");
                Map<String, String> merged = mergedFlags(round == 0 ? null : baseA, before, beforeB);
                Map<String, String> actual = flagsByGuid(after);
                merged.keySet().retainAll(actual.keySet());
                for (Map.Entry<String, String> each : merged.entrySet()) {
                    assertEquals(each.getValue(), actual.get(each.getKey()), "seed " + seed + " round " + round
                            + ": flags of " + each.getKey());
                }
            }
            assertEquals(List.of(), stores.storeA().tools().verify(false));
            assertEquals(List.of(), stores.storeB().tools().verify(false));
        }
    }

    /** A few random changes to one side: new messages, flags, expunges, a new or renamed folder. */
    private void change(TwoStores stores, Store store, Random random, Set<String> expunged) throws IOException {
        for (int i = 0; i < 8 + random.nextInt(10); i++) {
            List<String> folders = new ArrayList<>(store.messages().states(DOMAIN, "user/joe").stream()
                    .map(s -> s.mailbox().substring("user/joe/".length())).toList());
            String folder = folders.get(random.nextInt(folders.size()));
            List<MessageRecord> messages = mailbox(store, folder).fetch(UidSet.ALL, false);
            int op = random.nextInt(10);
            if (op < 4 || messages.isEmpty()) {
                stores.append(store, folder, randomFlags(random).values().toArray(String[]::new));
            } else if (op < 7) {
                MessageRecord m = messages.get(random.nextInt(messages.size()));
                Flags flags = randomFlags(random);
                mailbox(store, folder).store(UidSet.of(m.uid()), random.nextBoolean() ? FlagChange.add(flags)
                        : FlagChange.remove(flags), -1);
            } else if (op < 8) {
                MessageRecord m = messages.get(random.nextInt(messages.size()));
                expunged.add(m.guid());
                mailbox(store, folder).remove(UidSet.of(m.uid()));
            } else if (op < 9 && folders.size() < 5) {
                String name = "F" + random.nextInt(1000);
                if (!folders.contains(name)) {
                    addFolder(store, name);
                }
            } else if (folders.size() > 1) {
                String from = folders.stream().filter(f -> !f.equals("INBOX") && !f.contains("/")).findFirst().orElse(null);
                String to = "R" + random.nextInt(1000);
                if (from != null && !folders.contains(to)) {
                    store.mailboxes().renameUserFolder(DOMAIN, "joe", from, to);
                }
            }
        }
    }

    private static Flags randomFlags(Random random) {
        Set<String> flags = new HashSet<>();
        for (String flag : FLAGS) {
            if (random.nextInt(4) == 0) {
                flags.add(flag);
            }
        }
        return Flags.of(flags);
    }

    private static Map<String, String> flagsByGuid(MailView view) {
        Map<String, String> flags = new HashMap<>();
        view.mailboxes().values().forEach(box -> box.messages().forEach(m -> flags.put(m.guid(), m.flags())));
        return flags;
    }

    /** The flags each message should end with: changed on one side, that side's; on both, merged against the base. */
    private static Map<String, String> mergedFlags(MailView base, MailView a, MailView b) {
        Map<String, String> baseFlags = base == null ? Map.of() : flagsByGuid(base);
        Map<String, String> fa = flagsByGuid(a);
        Map<String, String> fb = flagsByGuid(b);
        Map<String, String> merged = new HashMap<>();
        Set<String> guids = new HashSet<>(fa.keySet());
        guids.addAll(fb.keySet());
        for (String guid : guids) {
            Flags la = parse(fa.get(guid));
            Flags lb = parse(fb.get(guid));
            if (fa.get(guid) == null || fb.get(guid) == null) {
                merged.put(guid, (fa.get(guid) != null ? la : lb).column());
            } else {
                String known = baseFlags.get(guid);
                merged.put(guid, threeWay(la, lb, known == null ? null : parse(known)).column());
            }
        }
        return merged;
    }

    /** What both kept, and what either added since the base; without a base, everything either has. */
    private static Flags threeWay(Flags a, Flags b, Flags base) {
        if (base == null) {
            return a.plus(b);
        }
        Set<String> result = new HashSet<>(a.values());
        result.retainAll(b.values());
        a.minus(base).values().forEach(result::add);
        b.minus(base).values().forEach(result::add);
        return Flags.of(result);
    }

    private static Flags parse(String column) {
        return column == null || column.isEmpty() ? Flags.NONE : Flags.of(List.of(column.split(" ")));
    }
}
