package org.storemulti.store.mailbox;

import java.util.Set;

/**
 * A mailbox: its full name, owner (user name, or {@code null}), UID state, bytes stored,
 * GUID (it survives renames) and special-use attributes (RFC 6154, e.g. {@code \Sent}).
 */
public record MailboxInfo(String domain, String name, String owner, long uidValidity, long uidNext,
        long usedBytes, String guid, Set<String> specialUse) {

    public MailboxInfo {
        specialUse = Set.copyOf(specialUse);
    }
}
