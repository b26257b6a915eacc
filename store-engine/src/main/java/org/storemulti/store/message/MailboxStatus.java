package org.storemulti.store.message;

/** IMAP STATUS items of a mailbox; {@code vsize} is the sum of message sizes (RFC 8438). */
public record MailboxStatus(long messages, long unseen, long uidNext, long uidValidity, long vsize) {
}
