package org.storemulti.sync.mbox;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not an mbox where one was expected; the message names the file and what is wrong. */
public final class MboxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    MboxFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
