package org.storemulti.sync.engine;

import org.storemulti.sync.UserReport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.storemulti.sync.SyncOptions;
import org.storemulti.sync.SyncOptions.Mode;
import org.storemulti.sync.location.FolderInfo;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.StoreExtras;
import org.storemulti.sync.location.UserMail;
import org.storemulti.sync.state.MailboxPair;
import org.storemulti.sync.state.PairState;

/**
 * One user's mailboxes: pairs them (by the last state's GUIDs, then equal GUIDs, then equal
 * names), carries deletions, renames and creations over, then syncs each pair's special-use
 * attributes, messages ({@link FolderSync}; skipped when neither side changed since the last
 * sync) and, between two stores, ACLs. A deletion on one side is carried over only if the other
 * side did not change the mailbox since; otherwise the mailbox comes back (mail is never lost).
 */
final class TreeSync {

    private static final String INBOX = "INBOX";

    /** A pair being synced: the local and peer mailbox now, and its state from the last sync (or null). */
    private static final class Pair {
        FolderInfo local;
        FolderInfo peer;
        final MailboxPair last;

        Pair(FolderInfo local, FolderInfo peer, MailboxPair last) {
            this.local = local;
            this.peer = peer;
            this.last = last;
        }
    }

    private final UserMail local;
    private final UserMail peer;
    private final SyncOptions options;
    private final boolean localModseqs;
    private final boolean peerModseqs;
    private final UserReport report;
    private final Runnable checkpoint;
    private final List<Pair> pairs = new ArrayList<>();
    private List<FolderInfo> localFolders;
    private List<FolderInfo> peerFolders;

    TreeSync(UserMail local, UserMail peer, SyncOptions options, boolean localModseqs, boolean peerModseqs,
            UserReport report, Runnable checkpoint) {
        this.local = local;
        this.peer = peer;
        this.options = options;
        this.localModseqs = localModseqs;
        this.peerModseqs = peerModseqs;
        this.report = report;
        this.checkpoint = checkpoint;
    }

    private boolean mirror() {
        return options.mode() == Mode.MIRROR;
    }

    /** Syncs the mailboxes, writing each pair's next state into {@code state} as it goes. */
    void run(PairState state) throws IOException {
        localFolders = selected(local.folders());
        peerFolders = peer.folders();
        pair(state);
        deleteAndCreate(state);
        rename();
        Map<String, Map<String, String>> localAcls = null;
        Map<String, Map<String, String>> peerAcls = null;
        boolean extras = local.extras().isPresent() && peer.extras().isPresent();
        if (extras) {
            localAcls = local.extras().get().acls();
            peerAcls = peer.extras().get().acls();
        }
        for (Pair pair : pairs) {
            try {
                MailboxPair next = syncPair(pair);
                if (next != null && extras) {
                    next.withAcl(acl(pair, next, localAcls.getOrDefault(pair.local.guid(), Map.of()),
                            peerAcls.getOrDefault(pair.peer.guid(), Map.of())));
                }
                if (next != null) {
                    if (pair.last != null && !pair.last.localGuid().equals(next.localGuid())) {
                        state.mailboxes().remove(pair.last.localGuid());
                    }
                    state.put(next);
                }
            } catch (LocationException e) {
                if (e.kind() == LocationException.Kind.NOT_FOUND) {
                    report.imperfect("mailbox " + pair.local.name() + " went away during the run (" + e.getMessage() + ")");
                } else {
                    report.failed("mailbox " + pair.local.name() + ": " + e.getMessage());
                }
            } catch (IOException e) {
                report.failed("mailbox " + pair.local.name() + ": " + e.getMessage());
            }
            checkpoint.run();
        }
    }

    private List<FolderInfo> selected(List<FolderInfo> folders) throws LocationException {
        if (options.mailbox() == null) {
            return folders;
        }
        List<FolderInfo> one = folders.stream().filter(f -> f.name().equals(options.mailbox())).toList();
        if (one.isEmpty() && options.mode() != Mode.BACKUP_REVERSE) {
            throw new LocationException(LocationException.Kind.NOT_FOUND, "mailbox " + options.mailbox()
                    + ": no such mailbox here (-m names the mailbox as this instance calls it)");
        }
        return one;
    }

    /** Pairs by the last state's GUIDs, then by equal GUIDs, then by equal names; deals with pairs that lost a side. */
    private void pair(PairState state) throws IOException {
        Map<String, FolderInfo> localByGuid = byGuid(localFolders);
        Map<String, FolderInfo> peerByGuid = byGuid(peerFolders);
        Set<String> localPaired = new HashSet<>();
        Set<String> peerPaired = new HashSet<>();
        for (MailboxPair last : new ArrayList<>(state.mailboxes().values())) {
            if (options.mailbox() != null && !last.name().equals(options.mailbox())
                    && !localByGuid.containsKey(last.localGuid())) {
                continue;
            }
            FolderInfo l = localByGuid.get(last.localGuid());
            FolderInfo p = peerByGuid.get(last.peerGuid());
            if (l != null && p != null) {
                pairs.add(new Pair(l, p, last));
                localPaired.add(l.guid());
                peerPaired.add(p.guid());
            } else if (l == null && p == null) {
                state.mailboxes().remove(last.localGuid());
            } else if (gone(l, p, last)) {
                state.mailboxes().remove(last.localGuid());
                if (l != null) {
                    localPaired.add(l.guid());
                } else {
                    peerPaired.add(p.guid());
                }
            } else {
                state.mailboxes().remove(last.localGuid()); // the side left is kept and created again on the other
            }
        }
        Map<String, FolderInfo> peerByName = new LinkedHashMap<>();
        for (FolderInfo p : peerFolders) {
            if (!peerPaired.contains(p.guid())) {
                peerByName.put(p.name(), p);
            }
        }
        for (FolderInfo l : localFolders) {
            if (localPaired.contains(l.guid())) {
                continue;
            }
            FolderInfo p = peerByGuid.containsKey(l.guid()) && !peerPaired.contains(l.guid()) ? peerByGuid.get(l.guid())
                    : peerByName.get(peer.fitName(l.name(), options.altChar()));
            if (p != null) {
                pairs.add(new Pair(l, p, null));
                localPaired.add(l.guid());
                peerPaired.add(p.guid());
                peerByName.remove(p.name());
            }
        }
        localFolders = localFolders.stream().filter(f -> !localPaired.contains(f.guid())).toList();
        peerFolders = peerFolders.stream().filter(f -> !peerPaired.contains(f.guid()) && (options.mailbox() == null
                || f.name().equals(peer.fitName(options.mailbox(), options.altChar())))).toList();
    }

    /**
     * A pair that lost one side: whether the loss is a deletion to carry over (the side left did
     * not change since the last sync, or it is a backup's source that went), done here.
     */
    private boolean gone(FolderInfo l, FolderInfo p, MailboxPair last) throws IOException {
        FolderInfo left = l != null ? l : p;
        UserMail where = l != null ? local : peer;
        boolean leftIsDestination = options.mode() == Mode.BACKUP ? l == null : options.mode() == Mode.BACKUP_REVERSE
                ? l != null : false;
        boolean unchanged = l != null ? l.token().equals(last.localToken()) && l.messages() == last.localCount()
                : p.token().equals(last.peerToken()) && p.messages() == last.peerCount();
        if (left.name().equals(INBOX) || !(leftIsDestination || mirror() && unchanged)) {
            if (!left.name().equals(INBOX) && mirror()) {
                report.verbose("mailbox " + left.name() + " was deleted on one side and changed on the other: kept");
            }
            return false;
        }
        report.debug("mailbox " + left.name() + ": deleted on the other side, deleted here");
        where.delete(left.guid());
        report.mailboxChanged();
        return true;
    }

    /** Mailboxes only one side has: created on the other, or (a backup destination's own) deleted. */
    private void deleteAndCreate(PairState state) throws IOException {
        List<FolderInfo> onlyLocal = new ArrayList<>(localFolders);
        List<FolderInfo> onlyPeer = new ArrayList<>(peerFolders);
        onlyLocal.sort(Comparator.comparing(FolderInfo::name));
        onlyPeer.sort(Comparator.comparing(FolderInfo::name));
        if (options.mode() == Mode.BACKUP) {
            deleteAll(peer, onlyPeer);
            onlyPeer.clear();
        } else if (options.mode() == Mode.BACKUP_REVERSE) {
            deleteAll(local, onlyLocal);
            onlyLocal.clear();
        }
        for (FolderInfo l : onlyLocal) {
            FolderInfo created = create(peer, l, "peer");
            if (created != null) {
                pairs.add(new Pair(l, created, null));
            }
        }
        for (FolderInfo p : onlyPeer) {
            FolderInfo created = create(local, p, "local");
            if (created != null) {
                pairs.add(new Pair(created, p, null));
            }
        }
    }

    private void deleteAll(UserMail where, List<FolderInfo> folders) throws IOException {
        List<FolderInfo> deepestFirst = new ArrayList<>(folders);
        deepestFirst.sort(Comparator.comparing(FolderInfo::name).reversed());
        for (FolderInfo f : deepestFirst) {
            if (!f.name().equals(INBOX)) {
                report.debug("mailbox " + f.name() + ": not in the source, deleted");
                where.delete(f.guid());
                report.mailboxChanged();
            }
        }
    }

    private FolderInfo create(UserMail where, FolderInfo model, String side) {
        String name = where.fitName(model.name(), options.altChar());
        try {
            report.debug("mailbox " + name + ": created on the " + side + " side");
            FolderInfo created = where.create(name, model.guid(), model.uidValidity());
            report.mailboxChanged();
            return created;
        } catch (IOException e) {
            report.imperfect("mailbox " + name + ": not created on the " + side + " side (" + e.getMessage() + ")");
            return null;
        }
    }

    /** Renames where the names of a pair differ: the side that kept the last synced name follows the other. */
    private void rename() throws IOException {
        List<Pair> byTargetDepth = new ArrayList<>(pairs);
        byTargetDepth.sort(Comparator.comparingInt(p -> p.local.name().split("/").length));
        for (Pair pair : byTargetDepth) {
            String fitted = peer.fitName(pair.local.name(), options.altChar());
            if (fitted.equals(pair.peer.name()) || pair.local.name().equals(INBOX) || pair.peer.name().equals(INBOX)) {
                continue;
            }
            boolean peerFollows = !mirror() ? options.mode() == Mode.BACKUP
                    : pair.last == null || pair.peer.name().equals(peer.fitName(pair.last.name(), options.altChar()))
                    || !pair.local.name().equals(pair.last.name());
            try {
                if (peerFollows) {
                    report.debug("mailbox " + pair.peer.name() + ": renamed to " + fitted + " on the peer side");
                    peer.rename(pair.peer.guid(), fitted);
                } else {
                    String localName = local.fitName(pair.peer.name(), options.altChar());
                    report.debug("mailbox " + pair.local.name() + ": renamed to " + localName + " on the local side");
                    local.rename(pair.local.guid(), localName);
                }
                report.mailboxChanged();
            } catch (LocationException e) {
                report.imperfect("mailbox " + pair.local.name() + ": not renamed (" + e.getMessage() + ")");
            }
            refresh();
        }
    }

    /** Reads both sides' mailboxes again (a rename moves the mailboxes below it too). */
    private void refresh() throws IOException {
        Map<String, FolderInfo> l = byGuid(local.folders());
        Map<String, FolderInfo> p = byGuid(peer.folders());
        for (Pair pair : pairs) {
            pair.local = l.getOrDefault(pair.local.guid(), pair.local);
            pair.peer = p.getOrDefault(pair.peer.guid(), pair.peer);
        }
    }

    private MailboxPair syncPair(Pair pair) throws IOException {
        MailboxPair last = pair.last;
        Set<String> uses = specialUse(pair);
        if (!options.full() && last != null && unchanged(pair.local, last.localToken(), last.localCount())
                && unchanged(pair.peer, last.peerToken(), last.peerCount())
                && pair.local.uidValidity() == last.uidValidity() && pair.peer.uidValidity() == last.uidValidity()) {
            report.mailboxSkipped();
            return last.advanced(pair.local.name(), last.uidValidity(), last.localToken(), last.localCount(),
                    last.peerToken(), last.peerCount()).withSpecialUse(uses);
        }
        report.verbose("mailbox " + pair.local.name() + ": syncing");
        FolderSync.End l = new FolderSync.End(local.folder(pair.local.guid()), pair.local, localModseqs, "local");
        FolderSync.End p = new FolderSync.End(peer.folder(pair.peer.guid()), pair.peer, peerModseqs, "peer");
        MailboxPair next = new FolderSync(options.mode(), options.full(), report).sync(l, p, last);
        return next == null ? null : next.withSpecialUse(uses);
    }

    private static boolean unchanged(FolderInfo now, String token, long count) {
        return now.token().equals(token) && now.messages() == count;
    }

    /** Special-use attributes merged like a flag: the side still as last synced follows the other; else local wins. */
    private Set<String> specialUse(Pair pair) throws IOException {
        Set<String> l = pair.local.specialUse();
        Set<String> p = pair.peer.specialUse();
        if (l.equals(p)) {
            return l;
        }
        Set<String> base = pair.last == null ? null : pair.last.specialUse();
        boolean localWins = options.mode() == Mode.BACKUP || mirror() && !Objects.equals(l, base);
        if (localWins) {
            peer.setSpecialUse(pair.peer.guid(), l);
        } else {
            local.setSpecialUse(pair.local.guid(), p);
        }
        report.mailboxChanged();
        return localWins ? l : p;
    }

    /** ACLs, between two stores: merged as special-use is. */
    private Map<String, String> acl(Pair pair, MailboxPair next, Map<String, String> l, Map<String, String> p)
            throws IOException {
        if (l.equals(p)) {
            return l;
        }
        Map<String, String> base = pair.last == null ? null : pair.last.acl();
        boolean localWins = options.mode() == Mode.BACKUP || mirror() && !Objects.equals(l, base);
        StoreExtras target = (localWins ? peer : local).extras().orElseThrow();
        target.setAcl(localWins ? next.peerGuid() : next.localGuid(), localWins ? l : p);
        report.mailboxChanged();
        return localWins ? l : p;
    }

    private static Map<String, FolderInfo> byGuid(List<FolderInfo> folders) {
        Map<String, FolderInfo> map = new HashMap<>();
        folders.forEach(f -> map.put(f.guid(), f));
        return map;
    }
}
