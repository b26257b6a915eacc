package org.storemulti.sync.maildir;

import java.util.List;

/**
 * What a maildir folder holds: its identity and its messages in UID order.
 *
 * @param uidValidity UIDVALIDITY from {@code dovecot-uidlist}
 * @param nextUid the next UID the folder gives
 * @param guid the mailbox GUID (32 hex digits) from {@code dovecot-uidlist}
 * @param messages the messages, ascending by UID
 * @param state what tells next time whether the folder may have changed, or null when it
 *        changed too recently to tell (a change in the same clock tick would not show)
 */
record MaildirListing(long uidValidity, long nextUid, String guid, List<MaildirMessage> messages,
        MaildirState state) {

    public MaildirListing {
        messages = List.copyOf(messages);
    }
}
