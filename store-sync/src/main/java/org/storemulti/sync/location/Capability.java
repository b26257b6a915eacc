package org.storemulti.sync.location;

/**
 * What a location can do beyond the minimum every location offers; the sync adapts to what
 * both sides have.
 */
public enum Capability {

    /**
     * Every change raises the mailbox's highest modseq and expunges are logged, so
     * {@link Folder#changesSince} answers and {@link MessageMeta#modseq} is meaningful. Without
     * it the sync lists a changed mailbox whole and compares it with the last synced state.
     */
    MODSEQS,

    /**
     * UIDs are the location's to choose: {@link SaveBatch#add} keeps a UID of at least UIDNEXT,
     * {@link Folder#renumber} and {@link Folder#resetIdentity} work, so both sides can end with
     * the same UIDs and UID validity. Without it the location numbers messages itself.
     */
    UIDS,

    /**
     * Message and mailbox GUIDs given to {@link SaveBatch#add} and {@link UserMail#create} are
     * kept (unless the mailbox already has the GUID); without it the location makes its own
     * (stable ones: the same message has the same GUID next run).
     */
    GUIDS,

    /** Quotas and ACLs ({@link UserMail#extras}): synced only when both sides have it (two stores). */
    QUOTAS_AND_ACLS,

    /**
     * The location can keep the sync state of a pair for the peer that syncs with it
     * ({@link Location#loadPeerState}, {@link Location#savePeerState}), so a mirror run later from
     * the other side starts from the same state.
     */
    PEER_STATE,

    /**
     * The location locks the pair state it keeps ({@link Location#lockPeerState}), so a sync of
     * the same pair started from its side at the same time is refused. A peer with
     * {@link #PEER_STATE} but without it (a {@code sync-server} older than the lock) is synced
     * with its state unlocked, and the run says so.
     */
    PEER_LOCK
}
