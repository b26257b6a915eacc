package org.storemulti.sync.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.storemulti.store.message.Flags;
import org.storemulti.sync.location.MessageMeta;
import org.storemulti.sync.state.MessageBase;

/**
 * Decides what each side of a mailbox pair must do, from the messages both hold at the UIDs
 * looked at (all of them, or those changed on either side since the last sync) and the base
 * (what both held then). A pure function: the same listings give the same plan.
 *
 * <p>The local side runs its operations first, then the peer: copies to the local side read the
 * peer's message where it is now, copies to the peer read the local one where it ends up.
 */
final class MessagePlanner {

    /** One side's listing: its messages at the UIDs looked at, and its UIDNEXT. */
    record Side(List<MessageMeta> messages, long uidNext) {
    }

    /**
     * Both sides' operations and what every UID looked at holds afterwards on both ({@code result},
     * UID to flags: the next base). {@code resetDestination}: a backup whose destination cannot
     * take the source's UIDs (it must be emptied and filled again).
     */
    record Plan(SideOps local, SideOps peer, TreeMap<Long, Flags> result, boolean resetDestination) {
    }

    private MessagePlanner() {
    }

    /** Two-way: every message of either side ends on both, flags merged, UID conflicts given new UIDs. */
    static Plan mirror(Side local, Side peer, MessageBase base) {
        return new Mirror(local, peer, base).plan();
    }

    /**
     * One way, {@code source} to {@code destination}: the destination ends as the source is; the
     * plan's {@code local} is the source's (always empty), {@code peer} the destination's.
     */
    static Plan backup(Side source, Side destination) {
        Map<String, MessageMeta> destinationByGuid = byGuid(destination.messages());
        Map<Long, MessageMeta> destinationByUid = byUid(destination.messages());
        SideOps sourceOps = new SideOps();
        SideOps ops = new SideOps();
        TreeMap<Long, Flags> result = new TreeMap<>();
        Set<String> kept = new HashSet<>();
        boolean reset = false;
        for (MessageMeta m : source.messages()) {
            MessageMeta there = destinationByGuid.get(m.guid());
            result.put(m.uid(), m.flags());
            sourceOps.expected.put(m.uid(), new SideOps.Expected(m.guid(), m.flags())); // a change there is noticed
            if (there != null && there.uid() == m.uid()) {
                ops.setFlags(m.uid(), m.guid(), there.flags(), m.flags());
                kept.add(m.guid());
            } else if (there != null && m.uid() >= destination.uidNext()) {
                ops.renumber(there.uid(), m.uid(), m.guid(), there.flags(), m.flags());
                kept.add(m.guid());
            } else if (there == null && !destinationByUid.containsKey(m.uid()) && m.uid() >= destination.uidNext()) {
                ops.copy(m.uid(), m.uid(), m.guid(), m.flags(), m.internalDate());
            } else {
                reset = true;
            }
        }
        for (MessageMeta d : destination.messages()) {
            if (!kept.contains(d.guid())) {
                ops.remove(d.uid());
            }
        }
        return new Plan(sourceOps, ops, result, reset);
    }

    /** The flags a message gets when both sides may have changed them since {@code base} ({@code null}: unknown). */
    static Flags merge(Flags local, Flags peer, Flags base) {
        if (local.equals(peer)) {
            return local;
        }
        if (base == null) {
            return local.plus(peer); // nothing to tell a removal from an addition: keep every flag
        }
        Set<String> merged = new HashSet<>(local.values());
        merged.retainAll(peer.values());
        for (String flag : local.values()) {
            if (!base.has(flag)) {
                merged.add(flag);
            }
        }
        for (String flag : peer.values()) {
            if (!base.has(flag)) {
                merged.add(flag);
            }
        }
        return Flags.of(merged);
    }

    private static Map<String, MessageMeta> byGuid(List<MessageMeta> messages) {
        Map<String, MessageMeta> map = new HashMap<>();
        for (MessageMeta m : messages) {
            map.putIfAbsent(m.guid(), m);
        }
        return map;
    }

    private static Map<Long, MessageMeta> byUid(List<MessageMeta> messages) {
        Map<Long, MessageMeta> map = new HashMap<>();
        for (MessageMeta m : messages) {
            map.put(m.uid(), m);
        }
        return map;
    }

    /** The two-way plan, built in one pass per side and one for the messages that need new UIDs. */
    private static final class Mirror {
        private final Side local;
        private final Side peer;
        private final MessageBase base;
        private final SideOps localOps = new SideOps();
        private final SideOps peerOps = new SideOps();
        private final TreeMap<Long, Flags> result = new TreeMap<>();
        private final Map<String, MessageMeta> localByGuid;
        private final Map<String, MessageMeta> peerByGuid;
        private final Map<Long, MessageMeta> localByUid;
        private final Map<Long, MessageMeta> peerByUid;
        private final List<MessageMeta[]> mismatched = new ArrayList<>();
        private final List<MessageMeta> freshFromLocal = new ArrayList<>();
        private final List<MessageMeta> freshFromPeer = new ArrayList<>();
        private final Set<String> matched = new HashSet<>();
        private long fresh;

        Mirror(Side local, Side peer, MessageBase base) {
            this.local = local;
            this.peer = peer;
            this.base = base;
            this.localByGuid = byGuid(local.messages());
            this.peerByGuid = byGuid(peer.messages());
            this.localByUid = byUid(local.messages());
            this.peerByUid = byUid(peer.messages());
            this.fresh = Math.max(local.uidNext(), peer.uidNext());
        }

        Plan plan() {
            for (MessageMeta m : local.messages()) {
                MessageMeta there = matched.add(m.guid()) ? peerByGuid.get(m.guid()) : null;
                if (there != null && there.uid() == m.uid()) {
                    Flags merged = merge(m.flags(), there.flags(), base.isPresent(m.uid()) ? base.flags(m.uid()) : null);
                    localOps.setFlags(m.uid(), m.guid(), m.flags(), merged);
                    peerOps.setFlags(m.uid(), m.guid(), there.flags(), merged);
                    result.put(m.uid(), merged);
                } else if (there != null) {
                    mismatched.add(new MessageMeta[] {m, there});
                } else {
                    onlyHere(m, peerByUid, peer.uidNext(), localOps, peerOps, freshFromLocal);
                }
            }
            for (MessageMeta m : peer.messages()) {
                if (!localByGuid.containsKey(m.guid())) {
                    onlyHere(m, localByUid, local.uidNext(), peerOps, localOps, freshFromPeer);
                }
            }
            for (MessageMeta[] pair : mismatched) {
                long target = fresh++;
                Flags merged = merge(pair[0].flags(), pair[1].flags(), null);
                localOps.renumber(pair[0].uid(), target, pair[0].guid(), pair[0].flags(), merged);
                peerOps.renumber(pair[1].uid(), target, pair[1].guid(), pair[1].flags(), merged);
                result.put(target, merged);
            }
            for (MessageMeta m : freshFromLocal) {
                long target = fresh++;
                localOps.renumber(m.uid(), target, m.guid(), m.flags(), m.flags());
                peerOps.copy(target, target, m.guid(), m.flags(), m.internalDate()); // read after the local side moved it
                result.put(target, m.flags());
            }
            for (MessageMeta m : freshFromPeer) {
                long target = fresh++;
                localOps.copy(m.uid(), target, m.guid(), m.flags(), m.internalDate()); // read before the peer moves it
                peerOps.renumber(m.uid(), target, m.guid(), m.flags(), m.flags());
                result.put(target, m.flags());
            }
            return new Plan(localOps, peerOps, result, false);
        }

        /**
         * A message only this side has: the other side expunged it (it was in the base and the
         * other side has nothing at its UID: expunge wins), or it is new here and is copied at its
         * UID if the other side can take it, else both sides give it a new UID.
         */
        private void onlyHere(MessageMeta m, Map<Long, MessageMeta> otherByUid, long otherUidNext, SideOps here,
                SideOps other, List<MessageMeta> needsFresh) {
            boolean otherHasUid = otherByUid.containsKey(m.uid());
            if (base.isPresent(m.uid()) && !otherHasUid) {
                here.remove(m.uid());
            } else if (!otherHasUid && m.uid() >= otherUidNext) {
                other.copy(m.uid(), m.uid(), m.guid(), m.flags(), m.internalDate());
                here.expected.put(m.uid(), new SideOps.Expected(m.guid(), m.flags()));
                result.put(m.uid(), m.flags());
            } else {
                needsFresh.add(m);
            }
        }
    }
}
