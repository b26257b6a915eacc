package org.storemulti.iterate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs one child process to completion: the seam in front of Apache Commons Exec. */
@FunctionalInterface
interface ProcessRunner {

    /** How a child ended. */
    record Result(int exitValue, boolean timedOut) {
    }

    /**
     * Runs {@code command} (its first word an executable path) with exactly
     * {@code environment}, killing it and its descendants after {@code timeout} (null: none).
     *
     * @param in the child's stdin, or null for none
     * @throws IOException when the command cannot be started
     */
    Result run(List<String> command, Map<String, String> environment, Duration timeout,
            InputStream in, OutputStream out, OutputStream err) throws IOException;
}
