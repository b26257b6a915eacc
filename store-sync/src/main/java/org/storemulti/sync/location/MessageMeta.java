package org.storemulti.sync.location;

import java.time.Instant;
import org.storemulti.store.message.Flags;

/**
 * One message as the sync compares it: {@code uid}, {@code guid} (the same message has the same
 * GUID on both sides), {@code modseq} (0 without {@link Capability#MODSEQS}), {@code flags}
 * (system flags and keywords), {@code internalDate}, {@code size} in bytes (-1 if the location
 * cannot tell without reading the message).
 *
 * <p>As the argument of {@link SaveBatch#add}, the message wanted: {@code uid} 0 takes the next
 * UID, {@code guid} null makes a new one, {@code modseq} and {@code size} are ignored.
 */
public record MessageMeta(long uid, String guid, long modseq, Flags flags, Instant internalDate, long size) {

    /** The same message with other flags. */
    public MessageMeta withFlags(Flags newFlags) {
        return new MessageMeta(uid, guid, modseq, newFlags, internalDate, size);
    }

    /** The same message under another UID. */
    public MessageMeta withUid(long newUid) {
        return new MessageMeta(newUid, guid, modseq, flags, internalDate, size);
    }
}
