package org.storemulti.store.message;

/**
 * What a client or sync peer compares to know whether a mailbox changed: identity
 * ({@code guid}, which survives renames, and {@code uidValidity}), {@code uidNext},
 * {@code highestModseq} (every change raises it) and the message count. One indexed row
 * read plus a count; cheap enough to poll. {@code firstRecentUid}: messages from that UID
 * on have not been seen by any session yet (\Recent). {@code mailbox} is the current name.
 */
public record MailboxState(String domain, String mailbox, String guid, long uidValidity, long uidNext,
        long highestModseq, long messages, long firstRecentUid) {
}
