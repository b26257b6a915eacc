package org.storemulti.store.message;

import java.util.List;

/**
 * Everything that changed in a mailbox after a modseq, read in one consistent snapshot:
 * the mailbox's state now, the messages whose flags or presence changed (new ones
 * included), by UID, and what was expunged (QRESYNC, incremental sync).
 */
public record MailboxChanges(MailboxState state, List<MessageFlags> changed, ExpungeHistory expunged) {

    public MailboxChanges {
        changed = List.copyOf(changed);
    }
}
