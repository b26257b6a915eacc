package org.storemulti.sync.engine;

import java.io.Closeable;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.storemulti.sync.SyncOptions;
import org.storemulti.sync.SyncOptions.Mode;
import org.storemulti.sync.UserReport;
import org.storemulti.sync.location.Capability;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.StoreExtras;
import org.storemulti.sync.location.UserMail;
import org.storemulti.sync.state.PairState;

/**
 * The sync of one user between the local location (a store: the instance the sync runs in) and
 * the peer, under the pair's lock on both sides: the last state (the newer of the local copy and
 * the peer's), the mailboxes ({@link TreeSync}), subscriptions and the quota, then the next state,
 * saved on both sides when it changed (and every few seconds of a long run, so a killed run loses
 * little).
 */
public final class UserSync {

    private static final long CHECKPOINT_NANOS = 5_000_000_000L;

    private final Location local;
    private final Location peer;
    private final String localIdentity;
    private final String peerIdentity;
    private final SyncOptions options;

    public UserSync(Location local, Location peer, String localIdentity, String peerIdentity, SyncOptions options) {
        this.local = local;
        this.peer = peer;
        this.localIdentity = localIdentity;
        this.peerIdentity = peerIdentity;
        this.options = options;
    }

    /** Syncs {@code user}; the report says how it went (it never throws for the user's problems). */
    public void run(String user, UserReport report) {
        try (Closeable lock = local.lockPeerState(peerIdentity, user); Closeable peerLock = lockPeer(user)) {
            String[] saved = {loadLocal(user, report), null};
            PairState state = newer(parse(saved[0], "local", report), loadPeer(user, report));
            boolean localCreates = options.mode() != Mode.BACKUP;
            boolean peerCreates = options.mode() != Mode.BACKUP_REVERSE;
            try (UserMail here = local.open(user, localCreates); UserMail there = peer.open(user, peerCreates)) {
                long[] lastSave = {System.nanoTime()};
                Runnable checkpoint = () -> {
                    if (System.nanoTime() - lastSave[0] > CHECKPOINT_NANOS) {
                        saved[0] = save(user, state, saved[0], report);
                        lastSave[0] = System.nanoTime();
                    }
                };
                new TreeSync(here, there, options, local.capabilities().contains(Capability.MODSEQS),
                        peer.capabilities().contains(Capability.MODSEQS), report, checkpoint).run(state);
                if (options.mailbox() == null) {
                    subscriptions(here, there, state, report);
                    quota(here, there, state, report);
                }
            }
            save(user, state, saved[0], report);
        } catch (LocationException e) {
            if (e.kind() == LocationException.Kind.NOT_FOUND && options.mode() != Mode.MIRROR) {
                report.failed(e.getMessage() + " (the source of a backup must exist)");
            } else {
                report.failed(e.getMessage());
            }
        } catch (IOException e) {
            report.failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /**
     * The peer's lock of the pair, so a sync of it started from the peer's end is kept apart too
     * (each end locks its own state first: two syncs started at once from both ends both stop).
     */
    private Closeable lockPeer(String user) throws IOException {
        try {
            return peer.lockPeerState(localIdentity, user);
        } catch (LocationException e) {
            if (e.kind() != LocationException.Kind.CONFLICT) {
                throw e;
            }
            throw new LocationException(e.kind(), "another sync of this pair runs at the peer, nothing done: "
                    + e.getMessage(), e);
        }
    }

    private String loadLocal(String user, UserReport report) throws IOException {
        return local.loadPeerState(peerIdentity, user).orElse(null);
    }

    private PairState loadPeer(String user, UserReport report) throws IOException {
        if (!peer.capabilities().contains(Capability.PEER_STATE)) {
            return null;
        }
        PairState theirs = parse(peer.loadPeerState(localIdentity, user).orElse(null), "peer", report);
        return theirs == null ? null : theirs.swapped();
    }

    private static PairState parse(String text, String side, UserReport report) {
        if (text == null) {
            return null;
        }
        try {
            return PairState.parse(text);
        } catch (IllegalArgumentException e) {
            report.verbose("the " + side + " sync state does not read (" + e.getMessage() + "): comparing everything");
            return null;
        }
    }

    private static PairState newer(PairState mine, PairState theirs) {
        if (mine == null) {
            return theirs != null ? theirs : PairState.empty();
        }
        return theirs != null && theirs.generation() > mine.generation() ? theirs : mine;
    }

    /** Saves the state when it differs from what was saved last; returns the text saved. */
    private String save(String user, PairState state, String before, UserReport report) {
        String unchanged = before == null ? null : before.substring(before.indexOf('\n', before.indexOf('\n') + 1) + 1);
        String now = state.format();
        if (unchanged != null && now.substring(now.indexOf('\n', now.indexOf('\n') + 1) + 1).equals(unchanged)) {
            return before;
        }
        state.nextGeneration();
        String text = state.format();
        try {
            local.savePeerState(peerIdentity, user, text);
            if (peer.capabilities().contains(Capability.PEER_STATE)) {
                peer.savePeerState(localIdentity, user, state.swapped().format());
            }
        } catch (IOException e) {
            report.failed("sync state not saved (" + e.getMessage() + "): the next run compares more");
        }
        return text;
    }

    /** Subscriptions merged three ways against the last state's (a backup's destination follows its source). */
    private void subscriptions(UserMail here, UserMail there, PairState state, UserReport report) throws IOException {
        Set<String> l = here.subscriptions();
        Set<String> p = new TreeSet<>();
        there.subscriptions().forEach(p::add);
        Set<String> base = state.subscriptions();
        Set<String> wanted = switch (options.mode()) {
            case BACKUP -> l;
            case BACKUP_REVERSE -> p;
            case MIRROR -> merge(l, p, base);
        };
        for (String name : wanted) {
            if (!l.contains(name)) {
                here.subscribe(name);
            }
            if (!p.contains(name)) {
                there.subscribe(there.fitName(name, options.altChar()));
            }
        }
        for (String name : l) {
            if (!wanted.contains(name)) {
                here.unsubscribe(name);
            }
        }
        for (String name : p) {
            if (!wanted.contains(name)) {
                there.unsubscribe(name);
            }
        }
        state.setSubscriptions(wanted);
    }

    static Set<String> merge(Set<String> local, Set<String> peer, Set<String> base) {
        Set<String> merged = new TreeSet<>(local);
        merged.retainAll(peer);
        for (Set<String> side : java.util.List.of(local, peer)) {
            for (String name : side) {
                if (base == null || !base.contains(name)) {
                    merged.add(name);
                }
            }
        }
        return merged;
    }

    /** The user's quota, between two stores: the side still as last synced follows the other; else local wins. */
    private void quota(UserMail here, UserMail there, PairState state, UserReport report) throws IOException {
        Optional<StoreExtras> l = here.extras();
        Optional<StoreExtras> p = there.extras();
        if (l.isEmpty() || p.isEmpty()) {
            return;
        }
        OptionalLong lq = l.get().quotaKb();
        OptionalLong pq = p.get().quotaKb();
        OptionalLong wanted = lq;
        if (!lq.equals(pq)) {
            Optional<OptionalLong> base = state.quotaKb();
            boolean peerWins = options.mode() == Mode.BACKUP_REVERSE
                    || options.mode() == Mode.MIRROR && base.isPresent() && base.get().equals(lq);
            wanted = peerWins ? pq : lq;
            (peerWins ? l : p).get().setQuotaKb(wanted);
            report.mailboxChanged();
        }
        state.setQuotaKb(wanted);
    }

    static Set<String> copy(Set<String> names) {
        return new HashSet<>(names);
    }
}
