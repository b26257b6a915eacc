package org.storemulti.sync.mbox;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A mailbox changed between the moment a write was prepared and the moment it was to be
 * made under the locks; nothing was written. Running again (from a fresh read) succeeds.
 */
public final class MailboxChangedException extends IOException {

    private static final long serialVersionUID = 1L;

    MailboxChangedException(Path mailbox, String what) {
        super(mailbox + ": " + what + " while we prepared our write; nothing was written: run again");
    }
}
