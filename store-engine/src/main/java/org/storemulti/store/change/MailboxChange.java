package org.storemulti.store.change;

/**
 * Something changed in a mailbox: messages arrived, flags changed, messages went
 * ({@link Kind#MESSAGES}, {@code highestModseq} and {@code uidNext} as of the commit), or
 * the mailbox was created, renamed (to {@code mailbox}) or deleted. {@code guid} names the
 * mailbox across renames. A listener may be told twice about one change, never zero times
 * for a change committed in this process or found by {@link ChangeFeed#poll}.
 */
public record MailboxChange(Kind kind, String domain, String mailbox, String guid, long highestModseq,
        long uidNext) {

    /** What happened. */
    public enum Kind {
        MESSAGES, CREATED, RENAMED, DELETED
    }
}
