package org.storemulti.sync.location;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.UidSet;

/**
 * One mailbox, opened by GUID: its messages by UID. Every change is durable when the call
 * returns. A mailbox deleted meanwhile answers {@link LocationException.Kind#NOT_FOUND}.
 */
public interface Folder {

    /** The mailbox's state now. */
    FolderInfo info() throws IOException;

    /** The messages with UIDs in {@code uids} ({@link UidSet#ALL}: every one), in UID order. */
    List<MessageMeta> messages(UidSet uids) throws IOException;

    /**
     * What changed after {@code token} (a token {@link #info} gave earlier): every message whose
     * flags changed or that is new, and every message expunged, read consistently. Empty when the
     * location cannot tell (no {@link Capability#MODSEQS}, or its expunge log forgot that far
     * back): the sync then lists the whole mailbox.
     */
    Optional<FolderChanges> changesSince(String token) throws IOException;

    /**
     * Hands the bodies of the messages {@code uids} to {@code reader}, one at a time in the order
     * given, each as a stream that ends with the message (never held whole); a UID the mailbox no
     * longer has is skipped. An exception from {@code reader} stops the reading and is thrown.
     */
    void read(List<Long> uids, BodyReader reader) throws IOException;

    /** A batch of messages to save, committed together. */
    SaveBatch saveBatch() throws IOException;

    /**
     * Sets the flags of each message in {@code flags} (UID to all its flags: a replacement). With
     * {@code unchangedSince} of 0 or more (and {@link Capability#MODSEQS}), a message changed after
     * that modseq keeps its flags and is listed in {@link FlagResult#refused}. Absent UIDs are
     * skipped.
     */
    FlagResult setFlags(Map<Long, Flags> flags, long unchangedSince) throws IOException;

    /** Expunges the messages {@code uids} whatever their flags; returns what went. */
    List<MessageMeta> remove(UidSet uids) throws IOException;

    /**
     * Gives messages new UIDs, keeping everything else (GUID, flags, date, body), in one step.
     * With the mailbox's own {@code uidValidity}: every new UID is at least UIDNEXT and the old
     * UIDs count as expunged (a UID conflict resolved). With another one: the mailbox takes it and
     * {@code newUids} names every message (a mailbox merged with its peer's). Needs
     * {@link Capability#UIDS}; returns the state after.
     */
    FolderInfo renumber(long uidValidity, Map<Long, Long> newUids) throws IOException;

    /**
     * Gives an empty mailbox the identity of its peer: {@code guid} and {@code uidValidity},
     * UIDs from 1 again. {@link LocationException.Kind#CONFLICT} if it has messages or the GUID is
     * taken. Needs {@link Capability#UIDS}; returns the state after.
     */
    FolderInfo resetIdentity(String guid, long uidValidity) throws IOException;
}
