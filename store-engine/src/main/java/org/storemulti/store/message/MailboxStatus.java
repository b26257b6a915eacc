package org.storemulti.store.message;

/**
 * IMAP STATUS items of a mailbox; {@code vsize} is the sum of message sizes (RFC 8438),
 * {@code recent} the messages no session has claimed as \Recent yet, {@code highestModseq}
 * RFC 7162's HIGHESTMODSEQ.
 */
public record MailboxStatus(long messages, long unseen, long uidNext, long uidValidity, long vsize, long recent,
        long highestModseq) {
}
