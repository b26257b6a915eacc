package org.storemulti.sync;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.storemulti.sync.TwoStores.USER;
import static org.storemulti.sync.TwoStores.addFolder;
import static org.storemulti.sync.TwoStores.addUser;
import static org.storemulti.sync.TwoStores.mailbox;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.Store;
import org.storemulti.store.message.Flags;
import org.storemulti.sync.SyncOptions.Mode;
import org.storemulti.sync.location.Capability;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.UserMail;
import org.storemulti.sync.remote.LoopbackServer;
import org.storemulti.sync.remote.ServeStore;
import org.storemulti.sync.remote.RemoteLocation;

/**
 * A sync whose peer is reached through the sync protocol (a real store behind a real server, on
 * loopback): the same results as a local peer, and a damaged or cut transfer fails the run
 * (exit 1) without keeping half of anything.
 */
class RemoteSyncTest {

    @TempDir
    Path directory;
    TwoStores stores;

    @BeforeEach
    void stores() {
        stores = new TwoStores(directory);
        addUser(stores.storeA(), "joe");
        addUser(stores.storeB(), "joe");
    }

    @AfterEach
    void close() {
        assertEquals(List.of(), stores.storeA().tools().verify(false));
        assertEquals(List.of(), stores.storeB().tools().verify(false));
        stores.close();
    }

    private void bigMessages(Store store, int count) throws IOException {
        addFolder(store, "Big");
        appendBig(store, 0, count);
    }

    private void appendBig(Store store, int from, int count) throws IOException {
        for (int i = from; i < from + count; i++) {
            String body = ("line " + i + " of a long message\r\n").repeat(1500);
            mailbox(store, "Big").append(new ByteArrayInputStream(("Subject: big " + i + "\r\n\r\n" + body)
                    .getBytes(UTF_8)), Flags.of("\\Seen"), Instant.parse("2026-09-01T00:00:00Z").plusSeconds(i));
        }
    }

    private UserReport syncWith(UnaryOperator<OutputStream> damage, Mode mode) throws IOException {
        try (LoopbackServer server = new LoopbackServer(stores.b, damage);
                RemoteLocation remote = server.location("remote")) {
            return stores.sync(stores.a, remote, SyncOptions.of(mode));
        }
    }

    @Test
    void aMirrorThroughTheProtocolEndsAsALocalOne() throws IOException {
        bigMessages(stores.storeA(), 3);
        stores.append(stores.storeB(), "INBOX", "\\Flagged");
        UserReport report = syncWith(UnaryOperator.identity(), Mode.MIRROR);
        assertEquals(0, report.status(), stores.lines.toString());
        assertEquals(MailView.of(stores.a, USER), MailView.of(stores.b, USER));
        UserReport again = syncWith(UnaryOperator.identity(), Mode.MIRROR);
        assertEquals(0, again.status());
        assertEquals(0, again.messagesCopied());
        assertTrue(stores.b.loadPeerState(stores.a.identity(), USER).isPresent(), "the peer keeps the state too");
    }

    @Test
    void aBodyDamagedInTransitIsRefusedAndNothingOfItsBatchIsKept() throws IOException {
        bigMessages(stores.storeB(), 30);
        MailView before = MailView.of(stores.a, USER);
        UserReport report = syncWith(out -> new Damage(out, 400_000, false), Mode.BACKUP_REVERSE);
        assertEquals(1, report.status(), stores.lines.toString());
        assertTrue(stores.lines.stream().anyMatch(l -> l.startsWith("ERROR")), stores.lines.toString());
        MailView after = MailView.of(stores.a, USER);
        assertNotEquals(MailView.of(stores.b, USER), after);
        assertEquals(before.mailboxes().get("INBOX"), after.mailboxes().get("INBOX"));
        assertCopiesAreWhole(after);
        stores.lines.clear();
        assertEquals(0, syncWith(UnaryOperator.identity(), Mode.BACKUP_REVERSE).status(), stores.lines.toString());
        assertEquals(MailView.of(stores.b, USER), MailView.of(stores.a, USER));
    }

    @Test
    void aStreamCutInTheMiddleOfABodyFailsTheRunAndKeepsNothingHalfWay() throws IOException {
        bigMessages(stores.storeB(), 30);
        UserReport report = syncWith(out -> new Damage(out, 700_000, true), Mode.BACKUP_REVERSE);
        assertEquals(1, report.status(), stores.lines.toString());
        assertCopiesAreWhole(MailView.of(stores.a, USER));
        stores.lines.clear();
        assertEquals(0, syncWith(UnaryOperator.identity(), Mode.BACKUP_REVERSE).status(), stores.lines.toString());
        assertEquals(MailView.of(stores.b, USER), MailView.of(stores.a, USER));
    }

    private Location command(String... words) throws IOException {
        return Locations.open(List.of(words), directory.getFileSystem(), new Locations.Instances() {
            @Override
            public boolean isConfigDirectory(Path candidate) {
                return false;
            }

            @Override
            public Path dataDirectory(Path configDirectory) {
                throw new AssertionError("not an instance: " + configDirectory);
            }
        });
    }

    private String[] serverOfB() {
        return ServeStore.command(directory.resolve("b").toString(), USER).toArray(String[]::new);
    }

    @Test
    void aMailboxChangedOnBothSidesDuringAMirrorGivesTwoAndTheNextRunZero() throws IOException {
        bigMessages(stores.storeB(), 30);
        Runnable bothSidesChange = () -> {
            try {
                stores.append(stores.storeA(), "Big");
                stores.append(stores.storeB(), "Big", "\\Flagged");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        UserReport report = syncWith(out -> new Tap(out, 300_000, bothSidesChange), Mode.MIRROR);
        assertEquals(2, report.status(), stores.lines.toString());
        assertTrue(stores.lines.stream().anyMatch(l -> l.contains("changed during the run")), stores.lines.toString());
        stores.lines.clear();
        assertEquals(0, syncWith(UnaryOperator.identity(), Mode.MIRROR).status(), stores.lines.toString());
        assertEquals(MailView.of(stores.a, USER), MailView.of(stores.b, USER));
        assertEquals(32, MailView.of(stores.a, USER).mailboxes().get("Big").messages().size());
    }

    @Test
    void mailThatTakesTheUidsAMirrorPlannedToGiveGivesTwoAndTheNextRunZero() throws IOException {
        bigMessages(stores.storeB(), 30);
        assertEquals(0, syncWith(UnaryOperator.identity(), Mode.MIRROR).status(), stores.lines.toString());
        stores.append(stores.storeA(), "Big");
        appendBig(stores.storeB(), 30, 30);
        // both sides' UID 31 now hold different messages: the mirror gives each new UIDs from the higher
        // UIDNEXT on; two deliveries to b while its messages stream to a take those UIDs there first
        Runnable deliveries = () -> {
            try {
                stores.append(stores.storeB(), "Big");
                stores.append(stores.storeB(), "Big");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        UserReport report = syncWith(out -> new Tap(out, 300_000, deliveries), Mode.MIRROR);
        assertEquals(2, report.status(), stores.lines.toString());
        assertTrue(stores.lines.stream().anyMatch(l -> l.contains("new UIDs not given")), stores.lines.toString());
        stores.lines.clear();
        assertEquals(0, syncWith(UnaryOperator.identity(), Mode.MIRROR).status(), stores.lines.toString());
        assertEquals(MailView.of(stores.a, USER), MailView.of(stores.b, USER));
        assertEquals(63, MailView.of(stores.a, USER).mailboxes().get("Big").messages().size());
    }

    @Test
    void aLocationThatIsACommandIsRunAndSpokenToThroughItsStandardInputAndOutput() throws IOException {
        bigMessages(stores.storeB(), 2);
        stores.append(stores.storeA(), "INBOX", "\\Seen");
        try (Location peer = command(serverOfB())) {
            assertEquals(0, stores.sync(stores.a, peer, SyncOptions.of(Mode.MIRROR)).status(), stores.lines.toString());
        }
        assertEquals(MailView.of(stores.a, USER), MailView.of(stores.b, USER));
        try (Location peer = command(serverOfB())) {
            UserReport again = stores.sync(stores.a, peer, SyncOptions.of(Mode.MIRROR));
            assertEquals(0, again.status());
            assertEquals(false, again.changedAnything(), again.summary());
        }
    }

    @Test
    void aCommandWhoseOutputIsCutShortFailsTheRunAndKeepsNothingHalfWay() throws IOException {
        bigMessages(stores.storeB(), 30);
        MailView before = MailView.of(stores.a, USER);
        String server = String.join(" ", List.of(serverOfB()).stream().map(w -> "'" + w + "'").toList());
        // head (unbuffered) alone holds our end of the pipe: when it has passed on 600,000 bytes, the stream ends there
        try (Location peer = command("bash", "-c", "exec " + server + " > >(exec stdbuf -o0 head -c 600000)")) {
            UserReport report = stores.sync(stores.a, peer, SyncOptions.of(Mode.BACKUP_REVERSE));
            assertEquals(1, report.status(), stores.lines.toString());
        }
        MailView after = MailView.of(stores.a, USER);
        assertEquals(before.mailboxes().get("INBOX"), after.mailboxes().get("INBOX"));
        assertCopiesAreWhole(after);
    }

    @Test
    void aCommandThatIsNoSyncServerIsOneClearError() {
        LocationException e = assertThrows(LocationException.class, () -> command("echo", "hello").close());
        assertTrue(e.getMessage().contains("not a sync server"), e.getMessage());
    }

    private String[] serverOfA() {
        return ServeStore.command(directory.resolve("a").toString(), USER).toArray(String[]::new);
    }

    @Test
    void aSyncStartedFromThePeersEndWhileOneRunsFailsForTheUserAndChangesNothing() throws IOException {
        bigMessages(stores.storeB(), 30);
        List<UserReport> fromB = new ArrayList<>();
        Runnable otherEnd = () -> {
            try {
                fromB.add(stores.sync(stores.b, stores.a, SyncOptions.of(Mode.MIRROR)));
                try (Location a = command(serverOfA())) {
                    fromB.add(stores.sync(stores.b, a, SyncOptions.of(Mode.MIRROR)));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        UserReport fromA = syncWith(out -> new Tap(out, 300_000, otherEnd), Mode.MIRROR);
        assertEquals(0, fromA.status(), stores.lines.toString());
        assertEquals(2, fromB.size());
        for (UserReport report : fromB) {
            assertEquals(1, report.status(), stores.lines.toString());
            assertFalse(report.changedAnything(), report.summary());
        }
        String busy = "ERROR " + USER + ": store:b: a sync of " + USER + " with " + stores.a.identity() + " is running already";
        assertEquals(2, stores.lines.stream().filter(l -> l.startsWith(busy)).count(), stores.lines.toString());
        assertEquals(MailView.of(stores.a, USER), MailView.of(stores.b, USER));
    }

    @Test
    void aSyncWhosePeerHoldsThePairsLockFailsForTheUserThroughTheProtocolAndChangesNothing() throws IOException {
        bigMessages(stores.storeB(), 2);
        stores.append(stores.storeA(), "INBOX", "\\Seen");
        MailView a = MailView.of(stores.a, USER);
        MailView b = MailView.of(stores.b, USER);
        // what a sync started at a's end holds while it runs: a's own lock of the pair
        try (Closeable atA = stores.a.lockPeerState(stores.b.identity(), USER); Location peer = command(serverOfA())) {
            UserReport fromB = stores.sync(stores.b, peer, SyncOptions.of(Mode.MIRROR));
            assertEquals(1, fromB.status(), stores.lines.toString());
            assertFalse(fromB.changedAnything(), fromB.summary());
            String busy = "ERROR " + USER + ": another sync of this pair runs at the peer, nothing done: store:"
                    + directory.resolve("a") + ": a sync of " + USER + " with " + stores.b.identity() + " is running already";
            assertTrue(stores.lines.stream().anyMatch(l -> l.startsWith(busy)), stores.lines.toString());
            stores.b.lockPeerState(stores.a.identity(), USER).close();
        }
        assertEquals(a, MailView.of(stores.a, USER));
        assertEquals(b, MailView.of(stores.b, USER));
        assertTrue(stores.b.loadPeerState(stores.a.identity(), USER).isEmpty(), "no state saved");
    }

    @Test
    void thePairsLocksAreFreeOnBothSidesWhenARunEndsThoughItsPeerServesOn() throws IOException {
        bigMessages(stores.storeB(), 2);
        try (Location peer = command(serverOfB())) {
            assertEquals(0, stores.sync(stores.a, peer, SyncOptions.of(Mode.MIRROR)).status(), stores.lines.toString());
            stores.a.lockPeerState(stores.b.identity(), USER).close();
            stores.b.lockPeerState(stores.a.identity(), USER).close();
            assertEquals(0, stores.sync(stores.a, peer, SyncOptions.of(Mode.MIRROR)).status(), stores.lines.toString());
        }
        assertEquals(MailView.of(stores.a, USER), MailView.of(stores.b, USER));
    }

    @Test
    void workersOfManyUsersEachLockTheirUsersPairOnTheirOwnConnectionAndReleaseIt() throws IOException {
        List<String> users = new ArrayList<>(List.of(USER));
        for (String name : List.of("ann", "bob", "cid", "dan", "eve")) {
            addUser(stores.storeA(), name);
            users.add(name + "@" + TwoStores.DOMAIN);
        }
        stores.append(stores.storeA(), "INBOX", "\\Seen");
        stores.append(stores.storeB(), "INBOX");
        try (LoopbackServer server = new LoopbackServer(stores.b, UnaryOperator.identity());
                RemoteLocation remote = server.location("remote")) {
            List<UserReport> reports = new Sync(stores.a, remote, SyncOptions.of(Mode.MIRROR),
                    (level, line) -> stores.lines.add(level + " " + line)).run(users, 3, (units, done, total) -> { });
            assertEquals(0, Sync.status(reports), stores.lines.toString());
            for (String user : users) {
                stores.a.lockPeerState(stores.b.identity(), user).close();
                stores.b.lockPeerState(stores.a.identity(), user).close();
                assertEquals(MailView.of(stores.a, user), MailView.of(stores.b, user));
            }
            assertEquals(List.of(), server.failures);
        }
    }

    @Test
    void aPeerWhoseServerCannotLockIsSyncedWithAWarningThatItsStateIsNotLocked() throws IOException {
        stores.append(stores.storeA(), "INBOX", "\\Seen");
        try (LoopbackServer server = new LoopbackServer(new WithoutPeerLock(stores.b), UnaryOperator.identity());
                RemoteLocation remote = server.location("an older server")) {
            assertEquals(0, stores.sync(stores.a, remote, SyncOptions.of(Mode.MIRROR)).status(), stores.lines.toString());
            assertEquals(List.of(), server.failures, "it was never asked to lock");
        }
        assertTrue(stores.lines.stream().anyMatch(l -> l.startsWith("WARNING an older server: the peer keeps the pair's"
                + " sync state but cannot lock it")), stores.lines.toString());
        assertTrue(stores.b.loadPeerState(stores.a.identity(), USER).isPresent(), "its state is kept all the same");
        assertEquals(MailView.of(stores.a, USER), MailView.of(stores.b, USER));
    }

    /** A store served as a sync-server older than the pair lock serves it: without {@link Capability#PEER_LOCK}. */
    private static final class WithoutPeerLock implements Location {
        private final Location store;

        WithoutPeerLock(Location store) {
            this.store = store;
        }

        @Override
        public String description() {
            return store.description();
        }

        @Override
        public String identity() throws IOException {
            return store.identity();
        }

        @Override
        public Set<Capability> capabilities() {
            Set<Capability> all = EnumSet.copyOf(store.capabilities());
            all.remove(Capability.PEER_LOCK);
            return all;
        }

        @Override
        public List<String> users() throws IOException {
            return store.users();
        }

        @Override
        public UserMail open(String user, boolean create) throws IOException {
            return store.open(user, create);
        }

        @Override
        public Optional<String> loadPeerState(String peerIdentity, String user) throws IOException {
            return store.loadPeerState(peerIdentity, user);
        }

        @Override
        public void savePeerState(String peerIdentity, String user, String state) throws IOException {
            store.savePeerState(peerIdentity, user, state);
        }

        @Override
        public Closeable lockPeerState(String peerIdentity, String user) {
            throw new IllegalStateException("a server without PEER_LOCK was asked to lock");
        }

        @Override
        public void close() {
            // the store is the test's
        }
    }

    /** Every message the destination got is byte for byte one of the source's. */
    private void assertCopiesAreWhole(MailView destination) throws IOException {
        List<String> sourceDigests = MailView.of(stores.b, USER).mailboxes().values().stream()
                .flatMap(b -> b.messages().stream()).map(MailView.Message::digest).toList();
        destination.mailboxes().values().forEach(box -> box.messages().forEach(m ->
                assertTrue(sourceDigests.contains(m.digest()), "a copy that is not whole: " + m)));
    }

    /** What the server sends, passed on whole; {@code action} runs once when {@code at} bytes have gone out. */
    private static final class Tap extends FilterOutputStream {
        private final long at;
        private final Runnable action;
        private long written;

        Tap(OutputStream out, long at, Runnable action) {
            super(out);
            this.at = at;
            this.action = action;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (written < at && written + length >= at) {
                action.run();
            }
            written += length;
            out.write(bytes, offset, length);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }

    /** What the server sends, flipped at one byte or cut there. */
    private static final class Damage extends FilterOutputStream {
        private final long at;
        private final boolean cut;
        private long written;

        Damage(OutputStream out, long at, boolean cut) {
            super(out);
            this.at = at;
            this.cut = cut;
        }

        @Override
        public void write(int b) throws IOException {
            if (written == at) {
                if (cut) {
                    out.flush();
                    out.close();
                    throw new IOException("cut by the test");
                }
                b ^= 0x20;
            }
            written++;
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            for (int i = 0; i < length; i++) {
                write(bytes[offset + i]);
            }
        }
    }
}
