package org.storemulti.queue;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A queue file that cannot be used as it is: unparseable, truncated, with a checksum that
 * does not match, or named differently from the ID inside. The message names the file.
 */
class QueueFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public QueueFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    /** What is wrong, without the file name (which {@link #getMessage()} starts with). */
    public String problem() {
        return problem;
    }

    /** The damaged file. */
    public Path file() {
        return file;
    }
}
