package org.storemulti.store.mailbox;

/** A mailbox's key columns, for code that works inside a transaction. */
record MailboxRow(long id, long domainId, MailboxName name, long ownerId) {
}
