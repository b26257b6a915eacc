package org.storemulti.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import org.storemulti.config.InstanceConfig;
import org.storemulti.log.DaemonLog;
import org.storemulti.log.LibraryLogs;
import org.storemulti.log.LogFile;
import org.storemulti.log.LogSink;

/**
 * Entry point of the detached daemon JVM that {@code storectl start} launches:
 * {@code DaemonMain [-v] config_dir}. The daemon writes {@code daemon_log_file} itself, with
 * a timestamp on each line, so that {@code storectl reload} can reopen it after log
 * rotation; its standard error (appended to the same file by the launching shell) gets only
 * what comes before the configuration is read and what the JVM itself prints (a crash),
 * which after a rotation lands in the renamed file. Kept free of the command-line library
 * so the daemon starts fast and stays small.
 */
public final class DaemonMain {

    private DaemonMain() {
    }

    public static void main(String[] args) {
        boolean verbose = args.length == 2 && args[0].equals("-v");
        if (args.length != (verbose ? 2 : 1)) {
            System.err.println("store/daemon: fatal: usage: DaemonMain [-v] config_dir");
            System.exit(2);
        }
        System.exit(run(Path.of(args[args.length - 1]), verbose));
    }

    private static int run(Path configDirectory, boolean verbose) {
        LogSink sink = LogSink.stream(System.err, false);
        String syslogName = "store";
        try {
            InstanceConfig config = InstanceConfig.load(configDirectory);
            syslogName = config.get("syslog_name");
            sink = LogFile.open(config.path("daemon_log_file"), Clock.systemDefaultZone());
            Daemon daemon = new Daemon(config, ServiceTable.STANDARD, sink, verbose, Clock.systemUTC());
            LibraryLogs.routeTo(daemon.log());
            daemon.run();
            return 0;
        } catch (IOException | RuntimeException | InterruptedException e) {
            String tag = syslogName;
            new DaemonLog(() -> tag, "daemon", ProcessHandle.current().pid(), sink, verbose)
                    .log(DaemonLog.Level.FATAL, DaemonLog.describe(e));
            return 1;
        }
    }
}
