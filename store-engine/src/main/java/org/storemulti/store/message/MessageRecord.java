package org.storemulti.store.message;

import java.time.Instant;
import org.storemulti.store.mime.MessageStructure;

/**
 * One message as a FETCH needs it: UID, GUID, modseq, flags, internal date, size (the
 * message bytes, RFC822.SIZE), its {@link MessageContent} for the bytes, and its cached
 * MIME {@code structure} (ENVELOPE, BODYSTRUCTURE, section ranges) and its {@code header}
 * block (the bytes up to and including the blank line, cut at 1 MiB; HEADER.FIELDS) when
 * they were asked for (the header also {@code null} when its file could not be read), else
 * {@code null}.
 */
public record MessageRecord(long uid, String guid, long modseq, Flags flags, Instant internalDate, long size,
        MessageContent content, MessageStructure structure, byte[] header) {
}
