package org.storemulti.admin;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bad lines of a bulk file, reported as {@code FILE:LINE: message} in line order at
 * the end, and the summary line. Thread-safe: passwords are hashed in parallel.
 */
final class BulkReport {

    private final String command;
    private final String file;
    private final PrintWriter err;
    private final Map<Integer, String> failures = new TreeMap<>();

    BulkReport(String command, String file, PrintWriter err) {
        this.command = command;
        this.file = file;
        this.err = err;
    }

    synchronized void failed(int line, String message) {
        failures.put(line, message);
    }

    /** Prints the failures, then returns the summary line. */
    synchronized String summary(int lines, String counts) {
        failures.forEach((line, message) -> err.println(file + ":" + line + ": " + message));
        err.flush();
        return command + ": " + lines + " lines read, " + counts + ", " + failures.size() + " lines failed";
    }

    synchronized int status() {
        return failures.isEmpty() ? 0 : 1;
    }
}
