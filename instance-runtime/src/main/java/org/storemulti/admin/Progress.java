package org.storemulti.admin;

import java.io.PrintWriter;

/** A one-line progress count on the terminal ({@code \r} redraws); silent when not on a terminal. */
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
        err.print("\r" + label + ": " + done + "/" + total + " lines (" + (total == 0 ? 100 : done * 100L / total) + "%)");
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
