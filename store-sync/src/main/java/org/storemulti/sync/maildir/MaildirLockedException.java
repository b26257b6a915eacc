package org.storemulti.sync.maildir;

import java.nio.file.Path;
import java.time.Duration;

/** Dovecot's lock on a maildir control file stayed held past the wait: the folder was left as it was. */
final class MaildirLockedException extends java.io.IOException {

    private static final long serialVersionUID = 1L;

    MaildirLockedException(Path lockFile, Duration waited) {
        super(lockFile + ": held by another process for more than " + waited.toSeconds()
                + " s; nothing was changed, run again later (a lock left by a crash is broken after "
                + DovecotLock.STALE_AFTER.toMinutes() + " minutes)");
    }
}
