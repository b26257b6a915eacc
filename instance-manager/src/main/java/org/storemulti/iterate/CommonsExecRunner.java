package org.storemulti.iterate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;
import org.apache.commons.exec.Watchdog;

/**
 * {@link ProcessRunner} on Apache Commons Exec. Arguments are passed as they are
 * ({@code addArgument(arg, false)}: no quoting added); the environment map is the whole
 * child environment; on timeout the watchdog kills the child's descendants as well as
 * the child, so a grandchild holding the output pipe cannot stall the run. Given
 * {@code System.in} as stdin, the child inherits this process's stdin directly.
 */
public final class CommonsExecRunner implements ProcessRunner {

    @Override
    public Result run(List<String> command, Map<String, String> environment, Duration timeout,
            InputStream in, OutputStream out, OutputStream err) throws IOException {
        CommandLine line = new CommandLine(command.get(0));
        for (String arg : command.subList(1, command.size())) {
            line.addArgument(arg, false);
        }
        DefaultExecutor executor = in == System.in ? new StdinInheritingExecutor() : DefaultExecutor.builder().get();
        executor.setExitValues(null);
        PumpStreamHandler streams = new PumpStreamHandler(out, err, in == System.in ? null : in);
        streams.setStopTimeout(Duration.ofSeconds(2));
        executor.setStreamHandler(streams);
        TreeKillingWatchdog watchdog = timeout == null ? null : new TreeKillingWatchdog(timeout);
        if (watchdog != null) {
            executor.setWatchdog(watchdog);
        }
        int exit = executor.execute(line, environment);
        return new Result(exit, watchdog != null && watchdog.fired());
    }

    /**
     * Gives the child this process's own stdin, as a fork would: Commons Exec's stdin pump
     * polls (tens of milliseconds per child) and never closes the child's stdin at EOF.
     */
    static final class StdinInheritingExecutor extends DefaultExecutor {

        @SuppressWarnings("deprecation")
        StdinInheritingExecutor() {
            super();
        }

        @Override
        protected Process launch(CommandLine command, Map<String, String> env, java.nio.file.Path dir) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(command.toStrings());
            builder.environment().clear();
            if (env != null) {
                builder.environment().putAll(env);
            }
            // no working directory is ever set: the child runs where storemulti runs
            builder.redirectInput(ProcessBuilder.Redirect.INHERIT);
            return builder.start();
        }
    }

    /** Commons Exec's watchdog kills only the direct child; this one kills its descendants first. */
    static final class TreeKillingWatchdog extends ExecuteWatchdog {

        private Process process;
        private volatile boolean fired;

        @SuppressWarnings("deprecation")
        TreeKillingWatchdog(Duration timeout) {
            super(timeout.toMillis());
        }

        @Override
        public synchronized void start(Process started) {
            this.process = started;
            super.start(started);
        }

        /** Snapshot the descendants, let Commons Exec kill the child, then kill the snapshot. */
        @Override
        public synchronized void timeoutOccured(Watchdog w) {
            fired = true;
            List<ProcessHandle> descendants = process == null ? List.of() : process.descendants().toList();
            super.timeoutOccured(w);
            descendants.forEach(ProcessHandle::destroyForcibly);
        }

        /** Whether the timeout struck (the child may have died of its children's death first). */
        boolean fired() {
            return fired;
        }
    }
}
