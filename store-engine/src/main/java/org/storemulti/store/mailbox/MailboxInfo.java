package org.storemulti.store.mailbox;

/** A mailbox: its full name, owner (user name, or {@code null}), UID state and bytes stored. */
public record MailboxInfo(String domain, String name, String owner, long uidValidity, long uidNext,
        long usedBytes) {
}
