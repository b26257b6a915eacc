package org.storemulti.sync.mbox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The mail system's locks on a mailbox could not be had within the wait, or were held
 * longer than allowed. The message names the mailbox, who holds it and what to do.
 */
public final class MailboxLockedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path mailbox;

    MailboxLockedException(Path mailbox, String message) {
        super(message);
        this.mailbox = mailbox;
    }

    static MailboxLockedException busy(Path mailbox, String holder, Duration waited) {
        return new MailboxLockedException(mailbox, mailbox + ": locked by " + holder + "; gave up after "
                + waited.toSeconds() + " s: try again later (a lock file whose process is gone is removed"
                + " at once, any other after its age limit)");
    }

    static MailboxLockedException heldTooLong(Path mailbox, Duration limit) {
        return new MailboxLockedException(mailbox, mailbox + ": gave up after holding the mail locks for "
                + limit.toSeconds() + " s (mail deliveries wait on them); nothing was changed: try again when the"
                + " disk is less busy, or raise the limit");
    }

    /** The mailbox the locks are for. */
    public Path mailbox() {
        return mailbox;
    }
}
