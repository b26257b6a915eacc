package org.storemulti.sync.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecuteResultHandler;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteStreamHandler;

/**
 * A connection that is a process run through Commons Exec: the command's standard input and
 * output carry the protocol, its standard error is ours (a remote sync-server's errors reach the
 * operator as they are).
 *
 * <p>Commons Exec's stock stream handler pumps the child's streams on threads of its own into
 * streams handed to it; a request/reply protocol wants the pipes themselves, read by the thread
 * that expects a reply. So the handler here only keeps the pipes, and its {@code stop()} (which
 * the executor calls when the process has exited, just before it closes the pipes) waits until
 * this connection is closed: what the process wrote before it ended is still read whole. The
 * executor's watchdog kills only the direct child; {@link #close()} kills an {@code ssh}'s
 * descendants too.
 */
final class CommandConnection implements Channel.Connection {

    private static final long START_WAIT_SECONDS = 30;
    private static final long EXIT_WAIT_SECONDS = 10;

    private final String command;
    private final Pipes pipes = new Pipes();
    private final DefaultExecuteResultHandler result = new DefaultExecuteResultHandler();
    private volatile Process process;

    private CommandConnection(String command) {
        this.command = command;
    }

    static CommandConnection start(List<String> words) throws IOException {
        CommandConnection connection = new CommandConnection(String.join(" ", words));
        connection.launch(words);
        return connection;
    }

    private void launch(List<String> words) throws IOException {
        CommandLine line = new CommandLine(words.get(0));
        for (String word : words.subList(1, words.size())) {
            line.addArgument(word, false);
        }
        DefaultExecutor executor = new Launcher();
        executor.setExitValues(null);
        executor.setStreamHandler(pipes);
        executor.execute(line, result);
        try {
            while (!pipes.started.await(50, TimeUnit.MILLISECONDS)) {
                if (result.hasResult()) {
                    throw new IOException(command + ": cannot run the command (" + result.getException().getMessage()
                            + "); a LOCATION that is not store:, maildir: or mbox: is a command that runs"
                            + " storeadm sync-server");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(command + ": interrupted while starting", e);
        }
    }

    @Override
    public InputStream input() {
        return pipes.output;
    }

    @Override
    public OutputStream output() {
        return pipes.input;
    }

    /** Ends the process: its input closed, a wait for it to exit, then it and what it started are killed. */
    @Override
    public void close() throws IOException {
        try {
            pipes.input.close();
        } catch (IOException e) {
            // it is gone already
        }
        Process running = process;
        try {
            if (running != null && !running.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                running.descendants().forEach(ProcessHandle::destroyForcibly);
                running.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.descendants().forEach(ProcessHandle::destroyForcibly);
            running.destroyForcibly();
        } finally {
            pipes.closed.countDown();
        }
        try {
            result.waitFor(EXIT_WAIT_SECONDS * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return command;
    }

    /** Starts the process with our standard error and keeps it (for its descendants). */
    private final class Launcher extends DefaultExecutor {

        @SuppressWarnings("deprecation")
        Launcher() {
            super();
        }

        /** The thread that waits for the process: a daemon, so a connection never closed cannot keep the JVM up. */
        @Override
        protected Thread createThread(Runnable runnable, String name) {
            Thread thread = super.createThread(runnable, name);
            thread.setDaemon(true);
            return thread;
        }

        @Override
        protected Process launch(CommandLine line, Map<String, String> environment, java.nio.file.Path directory)
                throws IOException {
            ProcessBuilder builder = new ProcessBuilder(line.toStrings()).redirectError(ProcessBuilder.Redirect.INHERIT);
            Process started = builder.start();
            process = started;
            return started;
        }
    }

    /** Keeps the child's pipes for the connection; holds the executor back until the connection is closed. */
    private static final class Pipes implements ExecuteStreamHandler {

        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);
        volatile OutputStream input;
        volatile InputStream output;

        @Override
        public void setProcessInputStream(OutputStream stream) {
            input = stream;
        }

        @Override
        public void setProcessOutputStream(InputStream stream) {
            output = stream;
        }

        @Override
        public void setProcessErrorStream(InputStream stream) {
            // standard error is inherited: nothing to read here
        }

        @Override
        public void start() {
            started.countDown();
        }

        @Override
        public void stop() {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
