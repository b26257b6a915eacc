package org.storemulti.sync.maildir;

import java.nio.file.Path;

/**
 * Another program changed a maildir folder while we worked on it (gave out the UIDs we were
 * to keep, expunged a message we were to change): this step was not done, a rerun does it.
 */
final class MaildirChangedException extends java.io.IOException {

    private static final long serialVersionUID = 1L;

    MaildirChangedException(Path folder, String what) {
        super(folder + ": " + what + "; it changed while we worked on it, run again");
    }
}
