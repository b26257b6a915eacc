package org.storemulti.queue;

import java.nio.file.Path;

/**
 * One problem {@code queue verify} found: the file, what is wrong with it, and what
 * {@code --repair} did about it ({@code ""} when nothing was done).
 */
record VerifyFinding(Path path, String problem, String repair) {

    /** {@code PATH: PROBLEM} and, when repaired, {@code (REPAIR)}. */
    public String line() {
        return path + ": " + problem + (repair.isEmpty() ? "" : " (" + repair + ")");
    }
}
