package org.storemulti.iterate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the steps wave by wave, up to {@code parallel} steps of a wave at once, and never
 * stops early. Output of each step goes out whole lines at a time; each failing step is
 * reported with its instance, and if any failed the run ends in an {@link IterationException}.
 */
public final class Iteration {

    private final StepExecutor executor;
    private final OutputStream out;
    private final OutputStream err;
    private final boolean prefixOutput;

    /**
     * @param prefixOutput whether each output line starts with the instance's label
     */
    public Iteration(StepExecutor executor, OutputStream out, OutputStream err, boolean prefixOutput) {
        this.executor = executor;
        this.out = out;
        this.err = err;
        this.prefixOutput = prefixOutput;
    }

    /** Runs every wave in order. */
    public void run(List<List<Step>> waves, int parallel) {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        int total = waves.stream().mapToInt(List::size).sum();
        ExecutorService pool = parallel > 1 ? Executors.newFixedThreadPool(parallel) : null;
        try {
            for (List<Step> wave : waves) {
                runWave(wave, pool, failures);
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        if (!failures.isEmpty()) {
            throw new IterationException(failures.size() + " of " + total + " instance runs failed: "
                    + String.join(", ", failures));
        }
    }

    private void runWave(List<Step> wave, ExecutorService pool, List<String> failures) {
        if (pool == null || wave.size() == 1) {
            wave.forEach(step -> runStep(step, failures));
            return;
        }
        List<Future<?>> running = new ArrayList<>();
        for (Step step : wave) {
            running.add(pool.submit(() -> runStep(step, failures)));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IterationException("interrupted while waiting for instances");
            } catch (ExecutionException e) {
                failures.add(String.valueOf(e.getCause()));
            }
        }
    }

    private void runStep(Step step, List<String> failures) {
        String label = step.instance().label();
        String prefix = prefixOutput ? label + ": " : "";
        int status;
        String why;
        try (PrefixedLines o = new PrefixedLines(prefix, out); PrefixedLines e = new PrefixedLines(prefix, err)) {
            status = executor.run(step, o, e);
            why = "exit status " + status;
        } catch (Exception e) {
            status = -1;
            why = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        if (status != 0) {
            failures.add(label);
            warn("instance " + label + ": " + String.join(" ", step.command()) + " failed: " + why);
        }
    }

    private void warn(String text) {
        synchronized (err) {
            try {
                err.write(("storemulti: warning: " + text + "\n").getBytes(StandardCharsets.UTF_8));
                err.flush();
            } catch (IOException e) {
                // stderr gone: the exit status still tells
            }
        }
    }
}
