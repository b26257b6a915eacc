package org.storemulti.store.message;

import java.time.Instant;
import java.util.Objects;
import org.storemulti.store.error.InvalidArgumentException;
import org.storemulti.store.name.Guid;

/**
 * One message for one recipient mailbox: {@code domain}, the full mailbox name
 * ({@code user/joe/INBOX}), the message bytes (not copied: do not change them afterwards),
 * the internal date ({@code null} = time of delivery) and initial flags. A sync saving a
 * message it knows also gives its {@code guid} (kept unless the mailbox already has a
 * message with it; {@code null} = a new one) and the {@code uid} it had (used when still
 * free, that is at least the mailbox's UIDNEXT; 0 = the next UID).
 */
public record Delivery(String domain, String mailbox, byte[] content, Instant internalDate, Flags flags, String guid,
        long uid) {

    public Delivery {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(content, "content");
        flags = flags == null ? Flags.NONE : flags;
        if (guid != null) {
            new Guid(guid);
        }
        if (uid < 0) {
            throw new InvalidArgumentException("UID", Long.toString(uid), "must not be negative");
        }
    }

    /** A delivery with a new GUID and the next UID. */
    public Delivery(String domain, String mailbox, byte[] content, Instant internalDate, Flags flags) {
        this(domain, mailbox, content, internalDate, flags, null, 0);
    }

    /** A delivery dated now, without flags. */
    public static Delivery of(String domain, String mailbox, byte[] content) {
        return new Delivery(domain, mailbox, content, null, Flags.NONE);
    }
}
