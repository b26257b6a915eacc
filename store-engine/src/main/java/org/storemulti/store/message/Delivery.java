package org.storemulti.store.message;

import java.time.Instant;
import java.util.Objects;

/**
 * One message for one recipient mailbox: {@code domain}, the full mailbox name
 * ({@code user/joe/INBOX}), the message bytes (not copied: do not change them afterwards),
 * the internal date ({@code null} = time of delivery) and initial flags.
 */
public record Delivery(String domain, String mailbox, byte[] content, Instant internalDate, Flags flags) {

    public Delivery {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(content, "content");
        flags = flags == null ? Flags.NONE : flags;
    }

    /** A delivery dated now, without flags. */
    public static Delivery of(String domain, String mailbox, byte[] content) {
        return new Delivery(domain, mailbox, content, null, Flags.NONE);
    }
}
