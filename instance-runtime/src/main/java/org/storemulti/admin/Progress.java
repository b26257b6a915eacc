package org.storemulti.admin;

import java.io.PrintWriter;

/**
 * A progress bar on the terminal, redrawn in place at most five times a second:
 * {@code bulkadd [=====>                   ] 21% 21000/100000 lines}. Silent when not on a terminal.
 */
final class Progress {

    private final PrintWriter err;
    private final String label;
    private final int total;
    private final boolean shown;
    private long lastDrawn;

    Progress(PrintWriter err, String label, int total, boolean shown) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.shown = shown;
    }

    /** Whether standard error is a terminal worth drawing on. */
    static boolean onTerminal() {
        return System.console() != null;
    }

    void update(int done) {
        long now = System.nanoTime();
        if (!shown || now - lastDrawn < 200_000_000L && done < total) {
            return;
        }
        lastDrawn = now;
        int percent = total == 0 ? 100 : (int) (done * 100L / total);
        String bar = "=".repeat(percent / 4) + (percent < 100 ? ">" : "") + " ".repeat(25 - percent / 4);
        err.print("\r" + label + " [" + bar.substring(0, 25) + "] " + percent + "% " + done + "/" + total + " lines");
        err.flush();
    }

    void finish() {
        if (shown) {
            update(total);
            err.println();
            err.flush();
        }
    }
}
