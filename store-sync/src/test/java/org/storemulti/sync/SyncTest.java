package org.storemulti.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.storemulti.sync.TwoStores.DOMAIN;
import static org.storemulti.sync.TwoStores.USER;
import static org.storemulti.sync.TwoStores.addFolder;
import static org.storemulti.sync.TwoStores.addUser;
import static org.storemulti.sync.TwoStores.mailbox;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.Store;
import org.storemulti.store.message.FlagChange;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.UidSet;
import org.storemulti.sync.SyncOptions.Mode;

/** Mirror and backup between two real stores: what ends on each side. */
class SyncTest {

    @TempDir
    Path directory;
    TwoStores stores;
    Store a;
    Store b;

    @BeforeEach
    void stores() {
        stores = new TwoStores(directory);
        a = stores.storeA();
        b = stores.storeB();
        addUser(a, "joe");
    }

    @AfterEach
    void verifyAndClose() {
        assertEquals(List.of(), a.tools().verify(false), "store a is consistent");
        assertEquals(List.of(), b.tools().verify(false), "store b is consistent");
        stores.close();
    }

    private MailView viewA() throws IOException {
        return MailView.of(stores.a, USER);
    }

    private MailView viewB() throws IOException {
        return MailView.of(stores.b, USER);
    }

    private void fill() throws IOException {
        addFolder(a, "Archive");
        addFolder(a, "Archive/2024");
        addFolder(a, "Sent");
        stores.append(a, "INBOX", "\\Seen");
        stores.append(a, "INBOX", "\\Flagged", "$Work");
        stores.append(a, "INBOX");
        stores.append(a, "Archive/2024", "\\Seen", "\\Answered");
        stores.append(a, "Sent", "\\Seen");
        a.mailboxes().setSpecialUse(DOMAIN, "user/joe/Sent", Set.of("\\Sent"));
        a.subscriptions().subscribe(DOMAIN, "joe", "user/joe/Sent");
        a.quotas().setUser(DOMAIN, "joe", 10_000);
        a.acls().set(DOMAIN, "user/joe/Archive", "ann", "lr");
    }

    @Test
    void aBackupToAnEmptyStoreCopiesEverythingWithUidsFlagsDatesAndTheUsersSettings() throws IOException {
        fill();
        UserReport report = stores.sync(SyncOptions.of(Mode.BACKUP));
        assertEquals(0, report.status(), stores.lines.toString());
        assertEquals(5, report.messagesCopied());
        assertEquals(viewA(), viewB());
        assertEquals(OptionalLong.of(10_000), b.quotas().getUser(DOMAIN, "joe").limitKb());
        assertTrue(b.acls().get(DOMAIN, "user/joe/Archive").stream().anyMatch(e -> e.identifier().equals("ann")));
        assertEquals(mailbox(a, "Archive").guid(), mailbox(b, "Archive").guid(), "mailboxes keep their GUIDs");
    }

    @Test
    void aSecondRunWithNoChangesTransfersNothingAndSkipsEveryMailbox() throws IOException {
        fill();
        stores.sync(SyncOptions.of(Mode.MIRROR));
        long modseqA = a.messages().states(DOMAIN, "user/joe").stream().mapToLong(s -> s.highestModseq()).max().orElse(0);
        // joe's INBOX was made on each side on its own: when the clock's second ticked between the two, their
        // UID validities differ and the first run gives b's its peer's identity; the state it keeps holds either way
        UserReport second = stores.sync(SyncOptions.of(Mode.MIRROR));
        assertEquals(0, second.status());
        assertFalse(second.changedAnything(), second.summary());
        assertTrue(second.summary().contains("0 mailboxes synced, 4 unchanged"), second.summary());
        assertEquals(modseqA, a.messages().states(DOMAIN, "user/joe").stream().mapToLong(s -> s.highestModseq()).max()
                .orElse(0), "nothing written on the local side");
    }

    @Test
    void aMailboxThatTookItsPeersIdentityIsSkippedByTheNextRun() throws IOException {
        addUser(b, "ann"); // b's UID validity counter is now past a's joe INBOX's
        addUser(b, "joe");
        fill();
        assertNotEquals(mailbox(a, "INBOX").state().uidValidity(), mailbox(b, "INBOX").state().uidValidity());
        assertEquals(0, stores.sync(SyncOptions.of(Mode.MIRROR)).status(), stores.lines.toString());
        assertEquals(mailbox(a, "INBOX").state().uidValidity(), mailbox(b, "INBOX").state().uidValidity());
        UserReport second = stores.sync(SyncOptions.of(Mode.MIRROR));
        assertTrue(second.summary().contains("0 mailboxes synced, 4 unchanged"), second.summary());
    }

    @Test
    void aMirrorMergesChangesMadeOnBothSides() throws IOException {
        fill();
        stores.sync(SyncOptions.of(Mode.MIRROR));
        long seen = mailbox(a, "INBOX").fetch(UidSet.ALL, false).get(2).uid();
        mailbox(a, "INBOX").store(UidSet.of(seen), FlagChange.add(Flags.of("\\Seen")), -1);
        mailbox(b, "INBOX").store(UidSet.of(seen), FlagChange.add(Flags.of("$Later")), -1);
        long first = mailbox(b, "INBOX").fetch(UidSet.ALL, false).get(0).uid();
        mailbox(b, "INBOX").remove(UidSet.of(first));
        stores.append(b, "Sent");
        addFolder(b, "Projects");
        stores.append(b, "Projects", "\\Draft");
        b.mailboxes().renameUserFolder(DOMAIN, "joe", "Archive", "Old");
        a.mailboxes().deleteUserFolder(DOMAIN, "joe", "Sent");
        UserReport report = stores.sync(SyncOptions.of(Mode.MIRROR));
        assertEquals(0, report.status(), stores.lines.toString());
        MailView after = viewA();
        assertEquals(after, viewB());
        assertEquals(Set.of("INBOX", "Old", "Old/2024", "Projects", "Sent"), after.mailboxes().keySet(),
                "a rename followed, a created mailbox copied, a deleted mailbox that changed on the other side kept");
        assertEquals(2, after.mailboxes().get("INBOX").messages().size(), "the expunge reached both sides");
        assertEquals("$Later \\Seen", after.mailboxes().get("INBOX").messages().get(1).flags(),
                "flags added on both sides are merged");
        assertEquals(0, stores.sync(SyncOptions.of(Mode.MIRROR)).status());
    }

    @Test
    void aMailboxDeletedOnOneSideAndUntouchedOnTheOtherIsDeletedThere() throws IOException {
        fill();
        stores.sync(SyncOptions.of(Mode.MIRROR));
        a.mailboxes().deleteUserFolder(DOMAIN, "joe", "Sent");
        assertEquals(0, stores.sync(SyncOptions.of(Mode.MIRROR)).status());
        assertFalse(viewB().mailboxes().containsKey("Sent"));
        assertEquals(viewA(), viewB());
    }

    @Test
    void newMessagesOnBothSidesWithTheSameUidsGetNewUidsAndNoneIsLost() throws IOException {
        stores.append(a, "INBOX");
        stores.sync(SyncOptions.of(Mode.MIRROR));
        stores.append(a, "INBOX", "\\Seen");
        stores.append(a, "INBOX");
        stores.append(b, "INBOX", "\\Flagged");
        List<String> before = new java.util.ArrayList<>(viewA().guids());
        before.addAll(viewB().guids());
        UserReport report = stores.sync(SyncOptions.of(Mode.MIRROR));
        assertEquals(0, report.status(), stores.lines.toString());
        MailView after = viewA();
        assertEquals(after, viewB());
        assertEquals(before.stream().distinct().sorted().toList(), after.guids(), "every message of either side on both");
        assertEquals(4, after.mailboxes().get("INBOX").messages().size());
    }

    @Test
    void aBackupDiscardsTheDestinationsOwnChangesAndNeverChangesTheSource() throws IOException {
        fill();
        stores.sync(SyncOptions.of(Mode.BACKUP));
        MailView source = viewA();
        stores.append(b, "INBOX", "\\Seen");
        mailbox(b, "Sent").store(UidSet.ALL, FlagChange.replace(Flags.of("$Junk")), -1);
        addFolder(b, "Mine");
        b.mailboxes().renameUserFolder(DOMAIN, "joe", "Archive", "Old");
        b.subscriptions().subscribe(DOMAIN, "joe", "user/joe/INBOX");
        stores.append(a, "Archive");
        UserReport report = stores.sync(SyncOptions.of(Mode.BACKUP));
        assertEquals(0, report.status(), stores.lines.toString());
        assertEquals(viewA(), viewB());
        assertEquals(source.mailboxes().get("INBOX"), viewA().mailboxes().get("INBOX"), "the source never changes");
        assertEquals(source.subscriptions(), viewA().subscriptions());
    }

    @Test
    void aReverseBackupCopiesThePeerHere() throws IOException {
        addUser(b, "joe");
        stores.append(b, "INBOX", "\\Seen");
        addFolder(b, "Lists");
        stores.append(b, "Lists");
        stores.append(a, "INBOX"); // discarded: a is the destination
        UserReport report = stores.sync(SyncOptions.of(Mode.BACKUP_REVERSE));
        assertEquals(0, report.status(), stores.lines.toString());
        assertEquals(viewB(), viewA());
    }

    @Test
    void twoFullInboxesAreMergedOnTheFirstMirror() throws IOException {
        addUser(b, "joe");
        stores.append(a, "INBOX", "\\Seen");
        stores.append(a, "INBOX");
        stores.append(a, "INBOX");
        stores.append(b, "INBOX", "\\Flagged");
        List<String> all = new java.util.ArrayList<>(viewA().guids());
        all.addAll(viewB().guids());
        UserReport report = stores.sync(SyncOptions.of(Mode.MIRROR));
        assertEquals(0, report.status(), stores.lines.toString());
        assertEquals(viewA(), viewB());
        assertEquals(all.stream().sorted().toList(), viewA().guids());
        assertEquals(0, stores.sync(SyncOptions.of(Mode.MIRROR)).status());
        assertFalse(stores.sync(SyncOptions.of(Mode.MIRROR)).changedAnything());
    }

    @Test
    void oneMailboxOnlyWithM() throws IOException {
        fill();
        UserReport report = stores.sync(SyncOptions.of(Mode.BACKUP).withMailbox("Sent"));
        assertEquals(0, report.status(), stores.lines.toString());
        assertEquals(Set.of("INBOX", "Sent"), viewB().mailboxes().keySet());
        assertEquals(viewA().mailboxes().get("Sent"), viewB().mailboxes().get("Sent"));
        assertEquals(0, viewB().mailboxes().get("INBOX").messages().size());
    }

    @Test
    void aFullSyncComparesEveryMailboxAndFindsNothingToDo() throws IOException {
        fill();
        stores.sync(SyncOptions.of(Mode.MIRROR));
        UserReport full = stores.sync(SyncOptions.of(Mode.MIRROR).withFull(true));
        assertEquals(0, full.status());
        assertEquals(0, full.messagesCopied());
        assertTrue(full.summary().contains("4 mailboxes synced"), full.summary());
    }

    @Test
    void aSyncStartedFromTheOtherEndWhileOneRunsFailsForTheUserAndChangesNothing() throws IOException {
        fill();
        List<UserReport> fromB = new ArrayList<>();
        SyncLog log = (level, line) -> {
            stores.lines.add(level + " " + line);
            if (fromB.isEmpty() && line.endsWith(": syncing")) {
                try {
                    fromB.add(stores.sync(stores.b, stores.a, SyncOptions.of(Mode.MIRROR)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        UserReport fromA = new Sync(stores.a, stores.b, SyncOptions.of(Mode.MIRROR), log)
                .run(List.of(USER), 1, (units, done, total) -> { }).get(0);
        assertEquals(0, fromA.status(), stores.lines.toString());
        assertEquals(1, fromB.get(0).status(), stores.lines.toString());
        assertFalse(fromB.get(0).changedAnything(), fromB.get(0).summary());
        String busy = "ERROR " + USER + ": store:b: a sync of " + USER + " with " + stores.a.identity() + " is running already";
        assertTrue(stores.lines.stream().anyMatch(l -> l.startsWith(busy)), stores.lines.toString());
        assertEquals(viewA(), viewB());
    }

    @Test
    void aSyncWhosePeerStoreHoldsThePairsLockFailsForTheUserChangesNothingAndReleasesItsOwn() throws IOException {
        fill();
        MailView before = viewA();
        try (Closeable otherEnd = stores.b.lockPeerState(stores.a.identity(), USER)) {
            UserReport report = stores.sync(SyncOptions.of(Mode.MIRROR));
            assertEquals(1, report.status(), stores.lines.toString());
            assertFalse(report.changedAnything(), report.summary());
            String busy = "ERROR " + USER + ": another sync of this pair runs at the peer, nothing done: store:b: a sync of "
                    + USER + " with " + stores.a.identity() + " is running already";
            assertTrue(stores.lines.stream().anyMatch(l -> l.startsWith(busy)), stores.lines.toString());
            stores.a.lockPeerState(stores.b.identity(), USER).close();
        }
        assertEquals(before, viewA());
        assertEquals(List.of(), stores.b.users(), "the peer did not even get the user");
        assertTrue(stores.a.loadPeerState(stores.b.identity(), USER).isEmpty(), "no state saved");
        assertEquals(0, stores.sync(SyncOptions.of(Mode.MIRROR)).status(), stores.lines.toString());
        stores.a.lockPeerState(stores.b.identity(), USER).close();
        stores.b.lockPeerState(stores.a.identity(), USER).close();
        assertEquals(viewA(), viewB());
    }
}
