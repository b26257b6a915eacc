package org.storemulti.cli;

import java.io.PrintWriter;

import org.storemulti.store.tools.WorkProgress;

/**
 * A progress line on a terminal, redrawn in place at most five times a second and once a
 * second while nothing is reported (so a long phase without counts still shows its time):
 * {@code db verify [=====>                   ] 21% 2100/10000 files, 3 s}. {@link #finish}
 * leaves its last state as a summary line ({@code db verify: 10000/10000 files in 12 s}).
 * Silent when not on a terminal ({@link Terminal#stderr}): the command's own output is the
 * summary then. Any long command (database tools, queue move, bulk files, later sync) reports
 * through it as a {@link WorkProgress}.
 */
public final class Progress implements WorkProgress {

    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final String label;
    private final boolean shown;
    private final long started = System.nanoTime();
    private long lastDrawn;
    private String units = "";
    private long done;
    private long total;
    private int drawnLength;
    private Thread ticker;
    private boolean finished;

    private Progress(PrintWriter err, String label, boolean shown) {
        this.err = err;
        this.label = label;
        this.shown = shown;
    }

    /** A progress line for {@code label} on {@code err}, drawn when standard error is a terminal. */
    public static Progress start(PrintWriter err, String label) {
        return start(err, label, Terminal.stderr());
    }

    /** The same, drawn only when {@code shown}. */
    public static Progress start(PrintWriter err, String label, boolean shown) {
        Progress progress = new Progress(err, label, shown);
        if (shown) {
            progress.ticker = new Thread(progress::tick, "progress");
            progress.ticker.setDaemon(true);
            progress.ticker.start();
        }
        return progress;
    }

    /** {@code done} of {@code total} lines, the unit of the bulk files. */
    public void update(long done, long total) {
        advanced("lines", done, total);
    }

    @Override
    public synchronized void advanced(String units, long done, long total) {
        this.units = units;
        this.done = done;
        this.total = total;
        long now = System.nanoTime();
        if (shown && !finished && (now - lastDrawn >= REDRAW_NANOS || done >= total)) {
            draw(now);
        }
    }

    private void tick() {
        try {
            while (true) {
                Thread.sleep(1000); // a clock for the line, not synchronization
                synchronized (this) {
                    if (finished) {
                        return;
                    }
                    if (System.nanoTime() - lastDrawn >= 1_000_000_000L) {
                        draw(System.nanoTime());
                    }
                }
            }
        } catch (InterruptedException e) {
            // finished
        }
    }

    private void draw(long now) {
        lastDrawn = now;
        String line = label + " " + counts() + ", " + seconds(now) + " s";
        err.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
        err.flush();
        drawnLength = line.length();
    }

    private String counts() {
        if (units.isEmpty()) {
            return "working";
        }
        if (total <= 0) {
            return done + " " + units;
        }
        int percent = (int) Math.min(100, done * 100 / total);
        String bar = "=".repeat(percent / 4) + (percent < 100 ? ">" : "") + " ".repeat(25);
        return "[" + bar.substring(0, 25) + "] " + percent + "% " + done + "/" + total + " " + units;
    }

    private long seconds(long now) {
        return (now - started) / 1_000_000_000L;
    }

    /** Replaces the line with its summary ({@code LABEL: DONE/TOTAL UNITS in N s}); nothing when not shown. */
    public synchronized void finish() {
        if (!shown || finished) {
            return;
        }
        finished = true;
        ticker.interrupt();
        String what = units.isEmpty() ? "done" : total <= 0 ? done + " " + units : done + "/" + total + " " + units;
        String line = label + ": " + what + " in " + seconds(System.nanoTime()) + " s";
        err.println("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
        err.flush();
    }
}
