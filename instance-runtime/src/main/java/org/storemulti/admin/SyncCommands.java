package org.storemulti.admin;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.storemulti.cli.Progress;
import org.storemulti.config.ConfigException;
import org.storemulti.config.InstanceConfig;
import org.storemulti.config.MainCf;
import org.storemulti.config.ParameterRegistry;
import org.storemulti.store.tools.WorkProgress;
import org.storemulti.sync.Locations;
import org.storemulti.sync.Sync;
import org.storemulti.sync.SyncLog;
import org.storemulti.sync.SyncOptions;
import org.storemulti.sync.UserReport;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.remote.SyncServer;
import org.storemulti.sync.store.StoreLocation;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code storeadm sync} (also {@code dsync}, the seed's name) and {@code storeadm sync-server}:
 * store-sync mounted as commands. The runtime's part is what store-sync must not know: main.cf
 * (the instance's data directory, {@code -o} overrides), the command line, standard streams.
 *
 * <p>Exit status is the seed's: 0 perfect, 2 "something could not be done, run again", 1 failed;
 * so a command line sync cannot parse exits 1 here, not storeadm's usual 2 ({@link #usageStatus}).
 */
final class SyncCommands {

    private static final String SYNC = "sync";
    private static final String SERVER = "sync-server";

    private SyncCommands() {
    }

    static List<CommandTable.Entry> entries() {
        return List.of(
            new CommandTable.Entry(SYNC, "dsync", (session, name) -> {
                CommandLine command = CommandTable.annotated(s -> new Run(s)).apply(session, name);
                // the LOCATION may be a command with options of its own: everything after the mode is its words
                command.setStopAtPositional(true);
                return command;
            }),
            new CommandTable.Entry(SERVER, null, CommandTable.annotated(Server::new)));
    }

    /** The exit status for a command line {@code command} could not parse: 1 for sync (2 means "run again"). */
    static int usageStatus(CommandLine command, int usual) {
        String name = command.getCommandSpec().name();
        return name.equals(SYNC) || name.equals("dsync") || name.equals(SERVER) ? 1 : usual;
    }

    /**
     * What both commands share: the instance, with {@code -o} overrides, and its store as a location.
     * Not a {@link ToolCommand}: the seed's {@code -f} is full sync here, not a main.cf.
     */
    abstract static class SyncCommand implements Callable<Integer> {

        final AdminSession session;

        @Spec
        CommandSpec spec;

        @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Option(names = "-o", paramLabel = "name=value",
                description = "Override a main.cf parameter for this run (e.g. data_directory); may be repeated.")
        List<String> overrides = new ArrayList<>();

        SyncCommand(AdminSession session) {
            this.session = session;
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        /** The instance's configuration with the {@code -o} overrides applied. */
        InstanceConfig config() {
            InstanceConfig base = session.config();
            if (overrides.isEmpty()) {
                return base;
            }
            Map<String, String> set = new LinkedHashMap<>();
            for (String override : overrides) {
                int eq = override.indexOf('=');
                String name = eq < 0 ? override : override.substring(0, eq).trim();
                if (eq < 0 || ParameterRegistry.find(name).isEmpty()) {
                    throw new AdminException("-o " + override + ": " + (eq < 0 ? "expected name=value"
                            : "unknown parameter " + name + " (see storeconf -d)"));
                }
                set.put(name, override.substring(eq + 1).trim());
            }
            MainCf edited = base.mainCf().edit(set, List.of());
            return InstanceConfig.of(base.configDirectory(), edited);
        }

        /** The instance's store as a location; the daemon may run meanwhile (the engine's transactions keep it safe). */
        StoreLocation local(InstanceConfig config) {
            return StoreLocation.open(config.dataDirectory(), "store:" + config.configDirectory());
        }
    }

    @Command(name = SYNC, separator = " ", sortOptions = false,
            description = {"Synchronize this instance's mail with LOCATION, as the seed's dsync: mirror (both ways, "
                + "nothing lost; UID conflicts get new UIDs) or backup (this instance to LOCATION, -R the reverse; "
                + "the source is never changed, the destination's own changes are discarded).",
                "LOCATION: store:CONFIG_DIR or an instance's configuration directory (another instance on this host), "
                    + "maildir:PATH (Maildir++ as Dovecot keeps it), mbox:PATH or mbox:DIR:INBOX=FILE (Unix mailboxes, "
                    + "%%u %%n %%d name the user), or a command whose standard input and output speak to storeadm sync-server "
                    + "(ssh mailuser@host storeadm sync-server -u USER).",
                "Exit status: 0 synchronized perfectly; 2 done, but something could not be done (a mailbox "
                    + "changed meanwhile): run again; 1 failed. Errors are one line each on stderr."})
    static final class Run extends SyncCommand {

        @Option(names = "-D", description = "Debug: print every step (implies -v).")
        boolean debug;

        @Option(names = "-v", description = "Verbose: print every mailbox synced and a summary per user.")
        boolean verbose;

        @Option(names = "-f", description = "Full sync: compare every mailbox whole (default: fast sync, which skips "
                + "a mailbox whose highest modseq and message count are equal on both sides).")
        boolean full;

        @Option(names = "-R", description = "With backup: reverse, LOCATION is backed up to this instance.")
        boolean reverse;

        @Option(names = "-m", paramLabel = "mailbox", description = "Only this mailbox (its name here).")
        String mailbox;

        @Option(names = "-u", paramLabel = "user", description = "The user to sync (name@domain).")
        String user;

        @Option(names = "-A", description = "Every user of the instance, in parallel, with a progress line.")
        boolean all;

        @Option(names = "-C", paramLabel = "alt_char",
                description = "Replaces characters a mailbox name cannot have on the other side (default _).")
        String altChar = "_";

        @Parameters(index = "0", paramLabel = "mirror|backup", description = "mirror or backup.")
        String mode;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "LOCATION", description = "The other side.")
        List<String> location = new ArrayList<>();

        Run(AdminSession session) {
            super(session);
        }

        @Override
        public Integer call() throws IOException {
            SyncOptions options = options();
            if (all == (user != null)) {
                throw new AdminException("sync: give -u USER or -A (every user), one of them");
            }
            InstanceConfig config = config();
            PrintWriter err = err();
            SyncLog log = (level, line) -> {
                if (level.compareTo(debug ? SyncLog.Level.DEBUG : verbose ? SyncLog.Level.VERBOSE
                        : SyncLog.Level.WARNING) <= 0) {
                    synchronized (err) {
                        err.println("storeadm: sync: " + line);
                        err.flush();
                    }
                }
            };
            try (StoreLocation local = local(config);
                    Location peer = Locations.open(location, FileSystems.getDefault(), new RuntimeInstances())) {
                List<String> users = all ? users(local, peer, options.mode()) : List.of(user);
                Progress progress = all ? Progress.start(err, "sync") : null;
                List<UserReport> reports = new Sync(local, peer, options, log).run(users, workers(users.size()),
                        progress == null ? WorkProgress.NONE : progress);
                if (progress != null) {
                    progress.finish();
                }
                if (verbose || debug) {
                    reports.forEach(report -> out().println(report.summary()));
                }
                return Sync.status(reports);
            }
        }

        private SyncOptions options() {
            SyncOptions.Mode chosen = switch (mode) {
                case "mirror" -> SyncOptions.Mode.MIRROR;
                case "backup" -> reverse ? SyncOptions.Mode.BACKUP_REVERSE : SyncOptions.Mode.BACKUP;
                default -> throw new AdminException("sync: " + mode + ": expected mirror or backup");
            };
            if (reverse && chosen == SyncOptions.Mode.MIRROR) {
                throw new AdminException("sync: -R reverses a backup; a mirror goes both ways already");
            }
            if (altChar.length() != 1 || altChar.charAt(0) == '/') {
                throw new AdminException("sync: -C " + altChar + ": expected one character other than /");
            }
            return SyncOptions.of(chosen).withFull(full).withMailbox(mailbox).withAltChar(altChar.charAt(0));
        }

        /** {@code -A}: the source's users; for a mirror, both sides'. */
        private static List<String> users(Location local, Location peer, SyncOptions.Mode mode) throws IOException {
            TreeSet<String> users = new TreeSet<>();
            if (mode != SyncOptions.Mode.BACKUP_REVERSE) {
                users.addAll(local.users());
            }
            if (mode != SyncOptions.Mode.BACKUP) {
                users.addAll(peer.users());
            }
            return new ArrayList<>(users);
        }

        /** SQLite takes one writer at a time: a few workers keep it busy while others read and copy. */
        private static int workers(int users) {
            return Math.min(users, Math.max(2, Runtime.getRuntime().availableProcessors()));
        }
    }

    @Command(name = SERVER, separator = " ", sortOptions = false,
            description = {"Serve this instance's store on standard input and output in the sync protocol: the "
                + "other end of a sync whose LOCATION is a command (ssh mailuser@host storeadm sync-server -u USER).",
                "Not for a terminal: it speaks a binary protocol. Errors go to stderr."})
    static final class Server extends SyncCommand {

        @Option(names = "-u", paramLabel = "user", description = "Serve this user only (name@domain); default: all.")
        String user;

        Server(AdminSession session) {
            super(session);
        }

        @Override
        public Integer call() throws IOException {
            InstanceConfig config = config();
            try (StoreLocation local = local(config)) {
                // the protocol owns standard output: nothing else of this process may write there
                boolean bye = new SyncServer(local, user, new FileInputStream(FileDescriptor.in),
                        new FileOutputStream(FileDescriptor.out)).serve();
                if (!bye) {
                    err().println("storeadm: sync-server: the client went away before it said goodbye;"
                            + " nothing it was sending was kept");
                }
                return bye ? 0 : 1;
            }
        }
    }

    /** store: locations through main.cf: a directory is an instance's if it holds one. */
    private static final class RuntimeInstances implements Locations.Instances {

        @Override
        public boolean isConfigDirectory(Path directory) {
            return Files.isRegularFile(directory.resolve("main.cf"));
        }

        @Override
        public Path dataDirectory(Path configDirectory) throws IOException {
            if (!isConfigDirectory(configDirectory)) {
                throw new AdminException("store:" + configDirectory + ": no main.cf there; give an instance's"
                        + " configuration directory (storemulti -l lists them)");
            }
            try {
                return InstanceConfig.load(configDirectory).dataDirectory();
            } catch (ConfigException e) {
                throw new AdminException("store:" + configDirectory + ": " + e.getMessage());
            }
        }
    }
}
