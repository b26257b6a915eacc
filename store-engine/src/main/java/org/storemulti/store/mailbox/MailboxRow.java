package org.storemulti.store.mailbox;

/** A mailbox's key columns, for code that works inside a transaction. */
public record MailboxRow(long id, long domainId, MailboxName name, long ownerId) {
}
