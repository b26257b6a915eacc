package org.storemulti.manager;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import org.storemulti.cli.CommandRunner;
import org.storemulti.cli.HelpOptions;
import org.storemulti.cli.VersionProvider;
import org.storemulti.config.ParameterRegistry;
import org.storemulti.iterate.CommonsExecRunner;
import org.storemulti.iterate.ConflictCheck;
import org.storemulti.iterate.ExecExecutor;
import org.storemulti.iterate.Iteration;
import org.storemulti.iterate.IterationException;
import org.storemulti.iterate.Plan;
import org.storemulti.iterate.Step;
import org.storemulti.iterate.StoreCtlExecutor;
import org.storemulti.iterate.Waves;
import org.storemulti.lifecycle.Action;
import org.storemulti.lifecycle.Request;
import org.storemulti.move.TransportMap;
import org.storemulti.registry.Registry;
import org.storemulti.registry.Selection;

import org.storemulti.systemd.UnitWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code storemulti}: the multi-instance manager, after Postfix's {@code postmulti(1)}.
 * The options below are its whole interface; their descriptions are the manual.
 */
@Command(name = "storemulti", separator = " ", versionProvider = VersionProvider.class, sortOptions = false,
        subcommands = UserMoveCommand.class,
        usageHelpWidth = 100,
        synopsisHeading = "Usage:%n",
        customSynopsis = {
            "  storemulti [-c dir] -e init [-v]",
            "  storemulti [-c dir] -e create [-av] [-g group] [-i name] [-G group] [-I name] [param=value ...]",
            "  storemulti [-c dir] -e import [-av] [-g group] [-i name] [-G group] [-I name] [config_directory=/path]",
            "  storemulti [-c dir] -e destroy|deport|enable|disable [-v] -i name",
            "  storemulti [-c dir] -e assign [-v] -i name [-I name] [-G group]",
            "  storemulti [-c dir] -l [-aRv] [-j | --format yaml|json] [-g group] [-i name]",
            "  storemulti [-c dir] -p [-av] [-P N] [-g group] [-i name] storectl-command [args...]",
            "  storemulti [-c dir] -x [-aRv] [-P N] [--timeout SECONDS] [-g group] [-i name] command [args...]",
            "  storemulti [-c dir] --systemd-units DIR",
            "  storemulti [-c dir] --postfix-transport FILE",
            "  storemulti [-c dir] user-move [-v] USER --to INSTANCE [--purge]"},
        description = {"", "Manage many store instances on one host: one primary instance lists the secondary ones",
            "in its multi_instance_directories; -e changes that set, -l lists it, -p runs a storectl",
            "command and -x any command for each selected instance; user-move moves a user's mail between",
            "instances and --postfix-transport writes the map that routes each user's mail to its instance.", ""})
public final class StoreMulti implements Callable<Integer> {

    private static final String PROGRAM = "storemulti";

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOptions helpOptions;

    @Option(names = "-c", paramLabel = "dir",
            description = "The primary instance's config directory (default: " + ParameterRegistry.DEFAULT_CONFIG_DIRECTORY + ").")
    String primaryOption;

    @Option(names = "-e", paramLabel = "action", completionCandidates = ActionWords.class,
            description = "Life-cycle action: ${COMPLETION-CANDIDATES}.")
    List<String> actions = new ArrayList<>();

    @Option(names = "-l", description = "List instances: name, group, enabled (y/n), config directory.")
    boolean[] list = new boolean[0];

    @Option(names = "-p", description = "Run the storectl command for each selected instance (start-like: disabled ones get check; "
            + "stop-like: reverse order, disabled ones skipped; control: disabled ones skipped).")
    boolean[] wrapper = new boolean[0];

    @Option(names = "-x", description = "Run the command for each selected instance, with STORE_CONFIG, MAIL_CONFIG, "
            + "the instance's directories and multi_instance_* in its environment.")
    boolean[] execute = new boolean[0];

    @Option(names = "-a", description = "All instances (the default); with create/import: place the new one first.")
    boolean[] all = new boolean[0];

    @Option(names = "-g", paramLabel = "group",
            description = "Members of this group only; with create/import: place the new one before the group's first member.")
    List<String> groups = new ArrayList<>();

    @Option(names = "-i", paramLabel = "name",
            description = "The instance with this name (store-x or x) or config directory; '-' is the primary. "
                    + "With create/import: place the new one before it.")
    List<String> names = new ArrayList<>();

    @Option(names = "-I", paramLabel = "name", description = "New instance name (create, import, assign); '-' for none.")
    List<String> newNames = new ArrayList<>();

    @Option(names = "-G", paramLabel = "group", description = "New instance group (create, import, assign); '-' for none.")
    List<String> newGroups = new ArrayList<>();

    @Option(names = "-R", description = "Reverse the order (-l, -x); each -R toggles.")
    boolean[] reverse = new boolean[0];

    @Option(names = "-j", description = "With -l: JSON lines, as Postfix 3.11 postmulti -j.")
    boolean json;

    @Option(names = "--format", paramLabel = "yaml|json",
            description = "With -l: a list of records with directories and whether each instance runs.")
    String format;

    @Option(names = "-P", paramLabel = "N",
            description = "With -p/-x: run up to N instances at once; consecutive members of one group form a wave, waves run in order.")
    Integer parallel;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "With -x: kill an instance's command (and its children) after SECONDS.")
    Long timeoutSeconds;

    @Option(names = "-v", description = "More logging; exported to children as STORE_VERBOSE and MAIL_VERBOSE.")
    boolean[] verbose = new boolean[0];

    @Option(names = "--systemd-units", paramLabel = "DIR",
            description = "Write store.service, store@.service and store.service.wants/ links for the enabled"
                    + " instances into DIR (what the systemd generator runs).")
    String unitsDirectory;

    @Option(names = "--postfix-transport", paramLabel = "FILE",
            description = "Write a Postfix transport map to FILE: 'user@domain  lmtp:unix:SOCKET' for every user of"
                    + " every enabled instance (its lmtp_listen); record FILE as storemulti_transport_map in the"
                    + " primary's main.cf, so user-move rewrites it. Run postmap FILE afterwards.")
    String transportMap;

    @Parameters(paramLabel = "args", description = "-p/-x: the command and its arguments; -e create/import: param=value.")
    List<String> arguments = new ArrayList<>();

    private final Map<String, String> environment;
    private final FileSystem fileSystem;

    /** The {@code -e} action words, for help and shell completion. */
    public static final class ActionWords implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Action.values()).map(Action::word).iterator();
        }
    }

    public StoreMulti() {
        this(System.getenv(), FileSystems.getDefault());
    }

    /** With an explicit environment and file system (tests run it on jimfs). */
    public StoreMulti(Map<String, String> environment, FileSystem fileSystem) {
        this.environment = environment;
        this.fileSystem = fileSystem;
    }

    public static void main(String[] args) {
        System.exit(run(new StoreMulti(), args));
    }

    /** Runs on the process's own streams with the project's exit codes; parsing stops at the first non-option word. */
    public static int run(StoreMulti command, String... args) {
        return CommandRunner.onStandardStreams(commandLine(command)).execute(args);
    }

    /**
     * postmulti's parsing: the first non-option word ends the options (the command of -p/-x);
     * user-move's options may follow its USER, as its usage shows.
     */
    private static CommandLine commandLine(StoreMulti command) {
        CommandLine cli = CommandRunner.commandLine(PROGRAM, command);
        cli.setStopAtPositional(true);
        cli.getSubcommands().get("user-move").setStopAtPositional(false);
        return cli;
    }

    /** Like {@link #run(StoreMulti, String...)} with the given output streams. */
    public static int run(StoreMulti command, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(command);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        Optional<Action> action = checkCommandLine();
        Path primary = primaryDirectory();
        if (unitsDirectory != null) {
            return writeUnits(primary);
        }
        if (transportMap != null) {
            return writeTransportMap(primary);
        }
        if (action.isPresent()) {
            action.get().run(new Request(primary, selection(), identity(newNames), identity(newGroups), arguments,
                    spec.commandLine().getErr()));
            return 0;
        }
        Registry registry = Registry.load(primary);
        if (list.length > 0) {
            return list(registry);
        }
        if (wrapper.length > 0) {
            return wrap(registry);
        }
        return execute(registry);
    }

    // ---- command-line rules (postmulti's, in its order); all are usage errors

    private Optional<Action> checkCommandLine() {
        Set<String> distinctActions = new LinkedHashSet<>(actions);
        Optional<Action> action = Optional.empty();
        for (String word : distinctActions) {
            action = Optional.of(Action.find(word).orElseThrow(() -> usage("Invalid '-e' edit action '" + word
                    + "'. Specify 'create', 'destroy', 'import', 'deport', 'enable', 'disable', 'assign' or 'init'")));
        }
        if (newNames.size() > 1) {
            throw usage("Specify at most one '-I' option");
        }
        if (newGroups.size() > 1) {
            throw usage("Specify at most one '-G' option");
        }
        if ((all.length > 0 ? 1 : 0) + groups.size() + names.size() > 1) {
            throw usage("Specify no more than one of '-a', '-g', '-i'");
        }
        int modes = distinctActions.size() + (list.length > 0 ? 1 : 0) + (wrapper.length > 0 ? 1 : 0)
                + (execute.length > 0 ? 1 : 0) + (unitsDirectory != null ? 1 : 0) + (transportMap != null ? 1 : 0);
        if (modes != 1) {
            throw usage("Specify exactly one of '-e', '-l', '-p', '-x', '--systemd-units', '--postfix-transport',"
                    + " 'user-move'");
        }
        if (unitsDirectory != null && !arguments.isEmpty()) {
            throw usage("Command not allowed with '--systemd-units'");
        }
        if (transportMap != null && !arguments.isEmpty()) {
            throw usage("Command not allowed with '--postfix-transport'");
        }
        if (list.length > 0 && !arguments.isEmpty()) {
            throw usage("Command not allowed with '-l'");
        }
        if ((wrapper.length > 0 || execute.length > 0) && arguments.isEmpty()) {
            throw usage("Command required with '-p' or '-x' option");
        }
        if (reversed() && (wrapper.length > 0 || action.isPresent())) {
            throw usage("The '-p' and '-e' options preclude the use of '-R'");
        }
        checkIdentityOptions(action);
        checkOutputOptions();
        return action;
    }

    private void checkIdentityOptions(Optional<Action> action) {
        boolean identity = !newNames.isEmpty() || !newGroups.isEmpty();
        if (identity && action.isEmpty()) {
            throw usage("Cannot assign instance name or group without '-e assign'");
        }
        if (identity && !action.get().assignsIdentity()) {
            throw usage("Cannot assign instance name or group with '-e " + action.get().word() + "'");
        }
        if (action.isPresent() && action.get() == Action.ASSIGN && !identity) {
            throw usage("Specify new instance name or group with '-e assign'");
        }
        if (action.isPresent() && !action.get().takesSettings() && !arguments.isEmpty()) {
            throw usage("Parameter overrides not valid with '-e " + action.get().word() + "'");
        }
    }

    private void checkOutputOptions() {
        if ((json || format != null) && list.length == 0) {
            throw usage("JSON output available only with '-l'");
        }
        if (json && format != null) {
            throw usage("Specify at most one of '-j', '--format'");
        }
        if (format != null && !format.equals("yaml") && !format.equals("json")) {
            throw usage("--format must be yaml or json, not '" + format + "'");
        }
        if (parallel != null && wrapper.length == 0 && execute.length == 0) {
            throw usage("'-P' works only with '-p' or '-x'");
        }
        if (parallel != null && parallel < 1) {
            throw usage("'-P' needs a number of at least 1, not " + parallel);
        }
        if (timeoutSeconds != null && execute.length == 0) {
            throw usage("'--timeout' works only with '-x'");
        }
        if (timeoutSeconds != null && timeoutSeconds < 1) {
            throw usage("'--timeout' needs at least 1 second, not " + timeoutSeconds);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private boolean reversed() {
        return reverse.length % 2 == 1;
    }

    private Selection selection() {
        if (!names.isEmpty()) {
            return new Selection.Named(names.get(0));
        }
        if (!groups.isEmpty()) {
            return new Selection.Group(groups.get(0));
        }
        return all.length > 0 ? new Selection.All() : new Selection.None();
    }

    private static Optional<String> identity(List<String> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        String value = values.get(0).strip();
        return Optional.of(value.equals("-") ? "" : value);
    }

    /**
     * The primary's config directory: {@code -c}, else the compiled-in one. A
     * {@code STORE_CONFIG} naming another directory is refused: that is how a command
     * run by {@code -x} for a secondary is kept from managing the set again.
     */
    Path primaryDirectory() {
        Path primary = fileSystem.getPath(primaryOption != null ? primaryOption
                : ParameterRegistry.DEFAULT_CONFIG_DIRECTORY).toAbsolutePath().normalize();
        String fromEnvironment = environment.get("STORE_CONFIG");
        if (fromEnvironment != null && !fromEnvironment.isEmpty()
                && !fileSystem.getPath(fromEnvironment).toAbsolutePath().normalize().equals(primary)) {
            throw new IllegalStateException("Non-default configuration directory: STORE_CONFIG=" + fromEnvironment
                    + " (the primary is " + primary + "; unset STORE_CONFIG or use -c)");
        }
        return primary;
    }

    // ---- modes

    private int writeUnits(Path primary) {
        try {
            List<String> warnings = UnitWriter.write(primary, fileSystem.getPath(unitsDirectory));
            warnings.forEach(w -> spec.commandLine().getErr().println(PROGRAM + ": warning: " + w));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(unitsDirectory + ": " + e.getMessage(), e);
        }
        return 0;
    }

    private int writeTransportMap(Path primary) {
        Path file = fileSystem.getPath(transportMap);
        int users = TransportMap.write(Registry.load(primary), file);
        spec.commandLine().getOut().println(PROGRAM + ": " + file.toAbsolutePath().normalize() + ": " + users + " user"
                + (users == 1 ? "" : "s") + " routed; run postmap " + file.toAbsolutePath().normalize());
        return 0;
    }

    private int list(Registry registry) {
        List<org.storemulti.registry.Instance> selected = new ArrayList<>(registry.select(selection()));
        if (reversed()) {
            java.util.Collections.reverse(selected);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Listing.jsonLines(selected, out);
        } else if (format != null) {
            Listing.records(selected, format, out);
        } else {
            Listing.columns(selected, out);
        }
        return 0;
    }

    private int wrap(Registry registry) {
        List<Step> steps = Plan.storeCtl(registry, selection(), arguments);
        List<List<Step>> waves = Waves.of(steps);
        List<String> conflicts = arguments.get(0).equals("check") ? ConflictCheck.problems(registry) : List.of();
        PrintWriter err = spec.commandLine().getErr();
        conflicts.forEach(c -> err.println(PROGRAM + ": error: " + c));
        err.flush();
        IterationException failed = null;
        try {
            new Iteration(new StoreCtlExecutor(verbose.length), stdout(), stderr(), true).run(waves, parallelism());
        } catch (IterationException e) {
            failed = e;
        }
        if (!conflicts.isEmpty()) {
            throw new IterationException(conflicts.size() + " conflict" + (conflicts.size() == 1 ? "" : "s")
                    + " between instances" + (failed == null ? "" : "; " + failed.getMessage()));
        }
        if (failed != null) {
            throw failed;
        }
        return 0;
    }

    private int execute(Registry registry) {
        List<Step> steps = Plan.exec(registry, selection(), arguments, reversed());
        int n = parallelism();
        Duration timeout = timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds);
        ExecExecutor executor = new ExecExecutor(new CommonsExecRunner(), environment, registry.primary(),
                verbose.length, timeout, n > 1 ? null : System.in);
        new Iteration(executor, stdout(), stderr(), n > 1).run(Waves.of(steps), n);
        return 0;
    }

    private int parallelism() {
        return parallel == null ? 1 : parallel;
    }

    // instances' output goes to the command's writers, whole lines at a time
    private OutputStream stdout() {
        return new WriterStream(spec.commandLine().getOut());
    }

    private OutputStream stderr() {
        return new WriterStream(spec.commandLine().getErr());
    }

    /** Bytes to a PrintWriter (tests capture the writer; the CLI's writers wrap stdout/stderr). */
    private static final class WriterStream extends OutputStream {
        private final PrintWriter writer;

        WriterStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            writer.write(new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            writer.flush();
        }
    }

}
