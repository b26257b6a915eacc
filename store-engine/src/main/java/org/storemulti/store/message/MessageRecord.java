package org.storemulti.store.message;

import java.time.Instant;
import org.storemulti.store.mime.MessageStructure;

/**
 * One message as a FETCH needs it: UID, GUID, modseq, flags, internal date, size (the
 * message bytes, RFC822.SIZE), its {@link MessageContent} for the bytes, and its cached
 * MIME {@code structure} (ENVELOPE, BODYSTRUCTURE, section ranges) when it was asked for,
 * else {@code null}.
 */
public record MessageRecord(long uid, String guid, long modseq, Flags flags, Instant internalDate, long size,
        MessageContent content, MessageStructure structure) {
}
