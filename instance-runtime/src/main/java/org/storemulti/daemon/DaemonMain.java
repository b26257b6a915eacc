package org.storemulti.daemon;

import java.nio.file.Path;
import java.time.Clock;

import org.storemulti.config.InstanceConfig;

/**
 * Entry point of the detached daemon JVM that {@code storectl start} launches:
 * {@code DaemonMain [-v] config_dir}. Kept free of the command-line library so the
 * daemon starts fast and stays small; failures are logged in the daemon's line format.
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
        DaemonLog.Sink sink = DaemonLog.Sink.stderr();
        String syslogName = "store";
        try {
            InstanceConfig config = InstanceConfig.load(configDirectory);
            syslogName = config.get("syslog_name");
            new Daemon(config, ServiceTable.STANDARD, sink, verbose, Clock.systemUTC()).run();
            return 0;
        } catch (Exception e) {
            String tag = syslogName;
            new DaemonLog(() -> tag, "daemon", ProcessHandle.current().pid(), sink, verbose)
                    .log(DaemonLog.Level.FATAL, DaemonLog.describe(e));
            return 1;
        }
    }
}
