package org.storemulti.sync.engine;

import org.storemulti.sync.UserReport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.storemulti.store.message.Expunged;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.UidSet;
import org.storemulti.sync.SyncOptions.Mode;
import org.storemulti.sync.location.Folder;
import org.storemulti.sync.location.FolderChanges;
import org.storemulti.sync.location.FolderInfo;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.MessageMeta;
import org.storemulti.sync.state.MailboxPair;
import org.storemulti.sync.state.MessageBase;

/**
 * The messages of one mailbox pair: makes the UID validities agree (an empty side takes the
 * other's identity; two full mailboxes merge; a backup destination that differs is refilled),
 * lists what changed since the last sync (or everything), plans, applies, and checks afterwards
 * that neither side changed meanwhile. Returns the pair's next state, or the old one when the
 * run must be repeated (the report says why).
 */
final class FolderSync {

    /** One side of the pair: the mailbox, what it looked like when listed, whether it has modseqs. */
    record End(Folder folder, FolderInfo info, boolean modseqs, String label) {
        End with(FolderInfo newInfo) {
            return new End(folder, newInfo, modseqs, label);
        }
    }

    private final Mode mode;
    private final boolean full;
    private final UserReport report;
    private final Copier copier;

    FolderSync(Mode mode, boolean full, UserReport report) {
        this.mode = mode;
        this.full = full;
        this.report = report;
        this.copier = new Copier(report);
    }

    /** Syncs the pair; the next state of the pair, or {@code previous} if the run left something undone. */
    MailboxPair sync(End local, End peer, MailboxPair previous) throws IOException {
        Identity identity = new Identity(mode, report, copier);
        End[] ends = identity.agree(local, peer);
        boolean fresh = identity.changed() || previous == null
                || previous.uidValidity() != ends[0].info().uidValidity();
        MessageBase base = fresh ? MessageBase.empty() : previous.base();
        Listing listing = fresh || full || !local.modseqs() || !peer.modseqs() ? null
                : incremental(ends[0], ends[1], previous);
        if (listing != null && listing.examined().isEmpty()) {
            return previous.advanced(ends[0].info().name(), ends[0].info().uidValidity(),
                    listing.local().info().token(), listing.local().info().messages(), listing.peer().info().token(),
                    listing.peer().info().messages());
        }
        if (listing == null) {
            listing = whole(ends[0], ends[1]);
        }
        MessagePlanner.Plan plan = plan(listing, base);
        if (plan.resetDestination()) {
            boolean toPeer = mode == Mode.BACKUP;
            identity.refill(toPeer ? listing.local() : listing.peer(), toPeer ? listing.peer() : listing.local());
            listing = whole(listing.local(), listing.peer());
            base = MessageBase.empty();
            plan = plan(listing, base);
        }
        boolean done = apply(listing.local(), plan.local(), listing.peer());
        done &= apply(listing.peer(), plan.peer(), listing.local());
        Optional<FolderInfo> localAfter = settle(listing.local(), plan.local(), identity.changed());
        Optional<FolderInfo> peerAfter = settle(listing.peer(), plan.peer(), identity.changed());
        if (!done || localAfter.isEmpty() || peerAfter.isEmpty()) {
            return previous;
        }
        MessageBase next = listing.whole() ? MessageBase.empty() : base;
        listing.examined().forEach(next::remove);
        plan.result().forEach(next::put);
        MailboxPair pair = new MailboxPair(localAfter.get().guid(), peerAfter.get().guid(), localAfter.get().name(),
                localAfter.get().uidValidity(), localAfter.get().token(), localAfter.get().messages(),
                peerAfter.get().token(), peerAfter.get().messages()).withBase(next);
        if (previous != null) {
            pair.withSpecialUse(previous.specialUse()).withAcl(previous.acl());
        }
        report.mailboxSynced();
        return pair;
    }

    /** Both sides' messages at the UIDs looked at; {@code whole}: every message, no base needed beyond. */
    record Listing(End local, End peer, List<MessageMeta> localMessages, List<MessageMeta> peerMessages,
            TreeSet<Long> examined, boolean whole) {
    }

    private static Listing whole(End local, End peer) throws IOException {
        End l = local.with(local.folder().info());
        End p = peer.with(peer.folder().info());
        List<MessageMeta> lm = l.folder().messages(UidSet.ALL);
        List<MessageMeta> pm = p.folder().messages(UidSet.ALL);
        TreeSet<Long> examined = new TreeSet<>();
        lm.forEach(m -> examined.add(m.uid()));
        pm.forEach(m -> examined.add(m.uid()));
        return new Listing(l, p, lm, pm, examined, true);
    }

    /** The UIDs changed or expunged on either side since the last sync, and both sides' messages there. */
    private Listing incremental(End local, End peer, MailboxPair previous) throws IOException {
        Optional<FolderChanges> l = local.folder().changesSince(previous.localToken());
        Optional<FolderChanges> p = l.isEmpty() ? Optional.empty() : peer.folder().changesSince(previous.peerToken());
        if (l.isEmpty() || p.isEmpty()) {
            report.debug(local.info().name() + ": changes since the last sync not known on both sides: comparing all");
            return null;
        }
        TreeSet<Long> examined = new TreeSet<>();
        for (FolderChanges changes : List.of(l.get(), p.get())) {
            changes.changed().forEach(m -> examined.add(m.uid()));
            changes.expunged().forEach(e -> examined.add(e.uid()));
        }
        End lEnd = local.with(l.get().info());
        End pEnd = peer.with(p.get().info());
        if (examined.isEmpty()) {
            return new Listing(lEnd, pEnd, List.of(), List.of(), examined, false);
        }
        UidSet uids = UidSet.of(examined);
        return new Listing(lEnd, pEnd, local.folder().messages(uids), peer.folder().messages(uids), examined, false);
    }

    private MessagePlanner.Plan plan(Listing listing, MessageBase base) {
        MessagePlanner.Side l = new MessagePlanner.Side(listing.localMessages(), listing.local().info().uidNext());
        MessagePlanner.Side p = new MessagePlanner.Side(listing.peerMessages(), listing.peer().info().uidNext());
        return switch (mode) {
            case MIRROR -> MessagePlanner.mirror(l, p, base);
            case BACKUP -> MessagePlanner.backup(l, p);
            case BACKUP_REVERSE -> {
                MessagePlanner.Plan reverse = MessagePlanner.backup(p, l);
                yield new MessagePlanner.Plan(reverse.peer(), reverse.local(), reverse.result(), reverse.resetDestination());
            }
        };
    }

    /** Runs one side's operations; false if something could not be done as planned (the report says what). */
    private boolean apply(End here, SideOps ops, End other) throws IOException {
        String name = here.info().name();
        boolean done = true;
        if (!ops.removes.isEmpty()) {
            report.debug(here.label() + " " + name + ": expunge " + UidSet.of(ops.removes));
            here.folder().remove(UidSet.of(ops.removes));
            report.removed(ops.removes.size());
        }
        for (List<SideOps.TargetOp> run : ops.runs()) {
            if (run.get(0) instanceof SideOps.Renumber) {
                Map<Long, Long> moves = new TreeMap<>();
                run.forEach(op -> moves.put(((SideOps.Renumber) op).from(), op.target()));
                report.debug(here.label() + " " + name + ": new UIDs " + moves);
                if (!renumber(here, moves)) {
                    return false;
                }
            } else {
                List<SideOps.Copy> copies = new ArrayList<>();
                run.forEach(op -> copies.add((SideOps.Copy) op));
                done &= copier.copy(other, here, copies);
            }
        }
        done &= setFlags(here, ops);
        return done;
    }

    /**
     * False when mail arrived in the mailbox during the run and took the UIDs planned (UIDNEXT moved past
     * them; UIDs are never reused): nothing of this side is applied further and the next run plans again.
     */
    private boolean renumber(End here, Map<Long, Long> moves) throws IOException {
        try {
            here.folder().renumber(here.info().uidValidity(), moves);
            return true;
        } catch (LocationException e) {
            if (e.kind() != LocationException.Kind.CONFLICT) {
                throw e;
            }
            report.imperfect(here.label() + " mailbox " + here.info().name() + ": new UIDs not given, the mailbox"
                    + " changed during the run (" + e.getMessage() + "); run the sync again");
            return false;
        }
    }

    private boolean setFlags(End here, SideOps ops) throws IOException {
        if (ops.flags.isEmpty()) {
            return true;
        }
        Map<Long, Flags> untouched = new HashMap<>();
        Map<Long, Flags> moved = new HashMap<>();
        ops.flags.forEach((uid, flags) -> (ops.targets.containsKey(uid) ? moved : untouched).put(uid, flags));
        report.debug(here.label() + " " + here.info().name() + ": flags " + ops.flags);
        List<Long> refused = new ArrayList<>();
        if (!untouched.isEmpty()) {
            refused.addAll(here.folder().setFlags(untouched, here.modseqs() ? here.info().highestModseq() : -1).refused());
        }
        if (!moved.isEmpty()) {
            refused.addAll(here.folder().setFlags(moved, -1).refused());
        }
        report.flagsChanged(ops.flags.size() - refused.size());
        if (!refused.isEmpty()) {
            report.imperfect(here.label() + " mailbox " + here.info().name() + ": flags of UIDs " + UidSet.of(refused)
                    + " changed during the run");
            return false;
        }
        return true;
    }

    /**
     * The side's state after the run, if nothing but the run changed it: with modseqs, every change
     * since the listing must be one the plan made (else a client changed the mailbox meanwhile).
     */
    private Optional<FolderInfo> settle(End end, SideOps ops, boolean identityChanged) throws IOException {
        if (!end.modseqs()) {
            return Optional.of(end.folder().info());
        }
        // an identity change came before the listing (whole() lists again after it), so the changes since
        // the listing's token are the plan's and any stray's, as after any other listing
        Optional<FolderChanges> since = end.folder().changesSince(end.info().token());
        if (since.isEmpty()) {
            // the log cannot tell: after an identity change keep the state as listed and let the next run
            // look again (taking the token after the run once lost a message delivered meanwhile)
            return Optional.of(identityChanged ? end.info() : end.folder().info());
        }
        List<String> strays = new ArrayList<>();
        for (MessageMeta m : since.get().changed()) {
            SideOps.Expected expected = ops.expected.get(m.uid());
            if (expected == null || !expected.guid().equals(m.guid()) || !expected.flags().equals(m.flags())) {
                strays.add("uid " + m.uid());
            }
        }
        for (Expunged e : since.get().expunged()) {
            if (!ops.gone.contains(e.uid())) {
                strays.add("uid " + e.uid() + " expunged");
            }
        }
        if (!strays.isEmpty()) {
            report.imperfect(end.label() + " mailbox " + end.info().name() + " changed during the run ("
                    + String.join(", ", strays.subList(0, Math.min(5, strays.size())))
                    + (strays.size() > 5 ? ", ..." : "") + ")");
            return Optional.empty();
        }
        return Optional.of(since.get().info());
    }
}
