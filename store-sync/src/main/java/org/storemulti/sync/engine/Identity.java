package org.storemulti.sync.engine;

import org.storemulti.sync.UserReport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.storemulti.store.message.UidSet;
import org.storemulti.sync.SyncOptions.Mode;
import org.storemulti.sync.location.FolderInfo;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.MessageMeta;

/**
 * Makes both mailboxes of a pair count UIDs under one UID validity before their messages are
 * compared. An empty side takes the other's identity (GUID and UID validity). In a mirror of two
 * mailboxes that both hold messages, the one with fewer messages joins the other: it first gets
 * the messages only the other has, then takes its UID validity with every shared message at the
 * other's UID and its own ones above the other's UIDNEXT. A backup destination that differs is
 * emptied and takes the source's identity (its own changes are discarded anyway).
 */
final class Identity {

    private final Mode mode;
    private final UserReport report;
    private final Copier copier;
    private boolean changed;

    Identity(Mode mode, UserReport report, Copier copier) {
        this.mode = mode;
        this.report = report;
        this.copier = copier;
    }

    /** Whether UIDs were changed wholesale (a new identity, a merge): the changes log says nothing then. */
    boolean changed() {
        return changed;
    }

    /** Both ends, with one UID validity. */
    FolderSync.End[] agree(FolderSync.End local, FolderSync.End peer) throws IOException {
        if (local.info().uidValidity() == peer.info().uidValidity()) {
            return new FolderSync.End[] {local, peer};
        }
        changed = true;
        String name = local.info().name();
        switch (mode) {
            case BACKUP -> {
                return new FolderSync.End[] {local, refill(local, peer)};
            }
            case BACKUP_REVERSE -> {
                return new FolderSync.End[] {refill(peer, local), peer};
            }
            default -> {
                if (local.info().messages() == 0) {
                    report.debug(local.label() + " " + name + ": empty, takes the peer's identity");
                    return new FolderSync.End[] {takeIdentity(local, peer.info()), peer};
                }
                if (peer.info().messages() == 0) {
                    report.debug(peer.label() + " " + name + ": empty, takes the local identity");
                    return new FolderSync.End[] {local, takeIdentity(peer, local.info())};
                }
                if (peer.info().messages() <= local.info().messages()) {
                    return new FolderSync.End[] {local, join(peer, local)};
                }
                return new FolderSync.End[] {join(local, peer), peer};
            }
        }
    }

    /** Empties {@code destination} and gives it the source's identity; returns it as it is now. */
    FolderSync.End refill(FolderSync.End source, FolderSync.End destination) throws IOException {
        changed = true;
        String name = destination.info().name();
        report.verbose(destination.label() + " " + name + ": cannot take the source's UIDs; emptied and filled again");
        List<MessageMeta> gone = destination.folder().remove(UidSet.ALL);
        report.removed(gone.size());
        return takeIdentity(destination, source.info());
    }

    private FolderSync.End takeIdentity(FolderSync.End end, FolderInfo other) throws IOException {
        FolderInfo after;
        try {
            after = end.folder().resetIdentity(other.guid(), other.uidValidity());
        } catch (LocationException e) {
            if (e.kind() != LocationException.Kind.CONFLICT) {
                throw e;
            }
            // the GUID is taken there (another user's mailbox): the pair keeps two GUIDs
            after = end.folder().resetIdentity(end.info().guid(), other.uidValidity());
        }
        return end.with(after);
    }

    /** {@code joiner} merges into {@code keeper}'s UIDs (both hold messages). */
    private FolderSync.End join(FolderSync.End joiner, FolderSync.End keeper) throws IOException {
        String name = keeper.info().name();
        report.verbose(joiner.label() + " " + name + ": merged with the other side's mailbox of the same name"
                + " (UID validity " + joiner.info().uidValidity() + " becomes " + keeper.info().uidValidity() + ")");
        List<MessageMeta> keeperMessages = keeper.folder().messages(UidSet.ALL);
        Set<String> joinerGuids = new HashSet<>();
        joiner.folder().messages(UidSet.ALL).forEach(m -> joinerGuids.add(m.guid()));
        List<SideOps.Copy> missing = new ArrayList<>();
        for (MessageMeta m : keeperMessages) {
            if (!joinerGuids.contains(m.guid())) {
                missing.add(new SideOps.Copy(m.uid(), 0, m.guid(), m.flags(), m.internalDate()));
            }
        }
        copier.copy(keeper, joiner, missing);
        Map<String, Long> keeperUids = new HashMap<>();
        keeperMessages.forEach(m -> keeperUids.put(m.guid(), m.uid()));
        Map<Long, Long> moves = new TreeMap<>();
        long next = keeper.folder().info().uidNext();
        for (MessageMeta m : joiner.folder().messages(UidSet.ALL)) {
            Long there = keeperUids.get(m.guid());
            moves.put(m.uid(), there != null ? there : next++);
        }
        FolderInfo after = joiner.folder().renumber(keeper.info().uidValidity(), moves);
        return joiner.with(after);
    }
}
