package org.storemulti.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.storemulti.store.tools.CheckpointResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code db checkpoint} ({@code msdb_checkpoint}): fold the write-ahead log into the
 * database once ({@code -1}) or, in the foreground, whenever {@code -k} KB of log were
 * written or {@code -p} minutes passed. The instance daemon runs the same as its
 * checkpointer service ({@code checkpoint_interval}), so {@code -d} is refused.
 */
@Command(name = "checkpoint", separator = " ", sortOptions = false,
        description = {"Checkpoint the database: copy the write-ahead log into store.db and truncate it.",
            "At least one of -1, -k, -p is needed; -k/-p run in the foreground until interrupted."})
final class Checkpoint extends ToolCommand {

    @Option(names = "-1", description = "Checkpoint once and exit.")
    boolean once;

    @Option(names = "-d", description = "Run as a daemon: refused, the instance daemon's checkpointer does this.")
    boolean daemon;

    @Option(names = "-k", paramLabel = "kbytes", description = "Checkpoint at least every KBYTES of log written.")
    Long kilobytes;

    @Option(names = "-p", paramLabel = "min", description = "Checkpoint at least every MIN minutes.")
    Long minutes;

    @Option(names = "-v", description = "Print the time of each checkpoint.")
    boolean verbose;

    Checkpoint(AdminSession session) {
        super(session);
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        checkOptions();
        if (once) {
            checkpoint();
            return 0;
        }
        Path wal = session.dataDirectory().resolve("store.db-wal");
        Instant last = Instant.now();
        while (!Thread.currentThread().isInterrupted()) {
            Thread.sleep(1000);
            boolean due = minutes != null && Duration.between(last, Instant.now()).toMinutes() >= minutes
                    || kilobytes != null && Files.exists(wal) && Files.size(wal) / 1024 >= kilobytes;
            if (due) {
                checkpoint();
                last = Instant.now();
            }
        }
        return 0;
    }

    private void checkOptions() {
        if (!once && kilobytes == null && minutes == null) {
            throw new ParameterException(spec.commandLine(), "give at least one of -1, -k KBYTES, -p MIN");
        }
        if (once && daemon) {
            throw new ParameterException(spec.commandLine(), "-1 and -d cannot be combined");
        }
        if (daemon) {
            throw new AdminException("checkpoint -d: storeadm does not daemonize; the instance daemon checkpoints"
                    + " every checkpoint_interval (storectl start), or run -k/-p in the foreground");
        }
    }

    private void checkpoint() {
        CheckpointResult r = session.store().tools().checkpoint();
        if (verbose) {
            out().println(Instant.now() + " checkpoint: " + r.checkpointedFrames() + " of " + r.walFrames()
                    + " log frames" + (r.busy() ? " (busy: readers held some back)" : ""));
            out().flush();
        }
    }
}
