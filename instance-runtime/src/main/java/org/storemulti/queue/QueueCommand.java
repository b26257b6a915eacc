package org.storemulti.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.storemulti.cli.CommandRunner;
import org.storemulti.cli.JsonLines;
import org.storemulti.cli.OutputOptions;
import org.storemulti.cli.Progress;
import org.storemulti.config.InstanceConfig;
import org.storemulti.log.DaemonLog;
import org.storemulti.log.MailLog;
import org.storemulti.owner.MailOwner;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code queue}: administer one instance's mail queue, meant to be mounted under
 * {@code storeadm} ({@code storeadm queue ...}) and, for {@code deliver}, as
 * {@code storeadm deliver}. Every subcommand is safe while the daemon runs.
 *
 * <p>The instance is {@code -c config_dir} given to {@code queue} itself, else
 * {@code $STORE_CONFIG}, else the primary; a host command can preset it with
 * {@link #configDirectory(Path)}.
 */
@Command(name = "queue", sortOptions = false, mixinStandardHelpOptions = false,
        description = "Administer a store instance's mail queue.",
        subcommands = {QueueCommand.ListCommand.class, QueueCommand.StatCommand.class,
            QueueCommand.FlushCommand.class, QueueCommand.HoldCommand.class, QueueCommand.ReleaseCommand.class,
            QueueCommand.DeleteCommand.class, QueueCommand.RequeueCommand.class, QueueCommand.VerifyCommand.class,
            QueueCommand.MoveCommand.class, QueueCommand.DeliverCommand.class})
public final class QueueCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "-c", paramLabel = "config_dir",
            description = "Instance configuration directory (default: $STORE_CONFIG, else the primary).")
    Path configDirectory;

    private final Clock clock;
    private final InputStream stdin;
    private java.util.function.Supplier<Path> hostConfigDirectory;

    /** For the command line: the system clock and standard input. */
    public QueueCommand() {
        this(Clock.systemUTC(), System.in);
    }

    /** With an explicit clock and message source, for tests and host commands. */
    public QueueCommand(Clock clock, InputStream stdin) {
        this.clock = clock;
        this.stdin = stdin;
    }

    /** Presets the instance (as a host command's own {@code -c} would). */
    public QueueCommand configDirectory(Path directory) {
        this.configDirectory = directory;
        return this;
    }

    /**
     * Takes the instance from the host command when it runs (the host parses its own
     * {@code -c} after mounting this command); a {@code -c} given to {@code queue} wins.
     */
    public QueueCommand configDirectoryFrom(java.util.function.Supplier<Path> host) {
        this.hostConfigDirectory = host;
        return this;
    }

    public static void main(String[] args) {
        CommandRunner.main("queue", new QueueCommand(), args);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: list, stat, flush, hold, release,"
                + " delete, requeue, verify, move or deliver");
    }

    InstanceConfig config() {
        Path directory = configDirectory == null && hostConfigDirectory != null ? hostConfigDirectory.get()
                : InstanceConfig.chooseDirectory(configDirectory, System.getenv());
        return ownedConfig(directory);
    }

    /** An instance's config, when this user may change its queue (see {@link MailOwner}). */
    private static InstanceConfig ownedConfig(Path directory) {
        InstanceConfig config = InstanceConfig.load(directory);
        MailOwner.of(config).requireIsOwner("storeadm queue");
        return config;
    }

    QueueDirectories queue() {
        return QueueDirectories.of(config().queueDirectory());
    }

    /** Parses queue IDs on the command line. */
    static final class IdConverter implements ITypeConverter<QueueId> {
        @Override
        public QueueId convert(String value) {
            return QueueId.tryParse(value)
                    .orElseThrow(() -> new TypeConversionException(value + ": not a queue ID"));
        }
    }

    /** Base of the subcommands: the parent and the output. */
    abstract static class Sub implements Callable<Integer> {
        /** The command this one is mounted under: {@code queue}, or a host such as storeadm. */
        @ParentCommand
        Object mountedUnder;

        /** The instance, clock and input, when not taken from a {@code queue} parent. */
        QueueCommand context;

        /** Where the instance, clock and input come from. */
        QueueCommand parent() {
            if (context != null) {
                return context;
            }
            if (mountedUnder instanceof QueueCommand queue) {
                return queue;
            }
            throw new IllegalStateException(spec.name() + " is mounted without a queue context");
        }

        @Spec
        CommandSpec spec;

        @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
        boolean help;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        /**
         * Where the store's answers go while recipients are checked: warnings only (a
         * temporary failure, with its cause) on stderr, in the daemon's line format; the
         * command prints every refusal itself.
         */
        MailLog checkLog(InstanceConfig config) {
            PrintWriter err = err();
            return new MailLog(new DaemonLog(() -> config.get("syslog_name"), "storeadm", ProcessHandle.current().pid(),
                    (level, line) -> {
                        if (level.priority() <= DaemonLog.Level.WARNING.priority()) {
                            err.println(line);
                        }
                    }, false));
        }
    }

    @Command(name = "list", description = {"List queued messages: id, size, arrival, state, sender, recipients.",
        "With -j: one JSON object per message, as Postfix's postqueue -j (queue_name, queue_id, arrival_time,",
        "message_size, sender, recipients with address and delay_reason), plus hold_reason for held mail."})
    static final class ListCommand extends Sub {
        @Mixin
        OutputOptions output;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = out();
            if (output.json()) {
                new QueueAdmin(parent().queue()).list().forEach(l -> JsonLines.print(out, json(l)));
                return 0;
            }
            out.printf("%-28s %9s %-20s %-9s %s%n", "ID", "SIZE", "ARRIVAL", "STATE", "SENDER -> RECIPIENTS");
            for (QueueListing l : new QueueAdmin(parent().queue()).list()) {
                String rest = l.envelope()
                        .map(e -> "<" + e.sender() + "> -> " + String.join(", ", e.recipients())
                                + (e.lastError().isEmpty() ? "" : "  (" + e.lastError() + ")"))
                        .orElse("? (" + l.problem() + ")");
                String arrival = l.envelope().map(e -> e.arrival().truncatedTo(ChronoUnit.SECONDS).toString()).orElse("?");
                out.printf("%-28s %9d %-20s %-9s %s%n", l.id(), l.size(), arrival, l.state().directoryName(), rest);
            }
            return 0;
        }

        /**
         * postqueue -j's object for one message: the last error is each recipient's delay_reason
         * while the message waits for a retry, hold_reason when it is held, corrupt_reason in
         * corrupt; a file whose header cannot be read has a problem instead of an envelope.
         */
        static Map<String, Object> json(QueueListing l) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("queue_name", l.state().directoryName());
            json.put("queue_id", l.id().toString());
            if (l.envelope().isEmpty()) {
                json.put("message_size", l.size());
                json.put("problem", l.problem());
                return json;
            }
            QueueEnvelope e = l.envelope().get();
            String error = e.lastError();
            json.put("arrival_time", e.arrival().getEpochSecond());
            json.put("message_size", l.messageSize());
            json.put("sender", e.sender());
            boolean delayed = !error.isEmpty() && l.state() != QueueState.HOLD && l.state() != QueueState.CORRUPT;
            json.put("recipients", e.recipients().stream().map(r -> {
                Map<String, Object> recipient = new LinkedHashMap<>();
                recipient.put("address", r);
                if (delayed) {
                    recipient.put("delay_reason", error);
                }
                return recipient;
            }).toList());
            json.put("attempts", e.attempts());
            if (!error.isEmpty() && l.state() == QueueState.HOLD) {
                json.put("hold_reason", error);
            } else if (!error.isEmpty() && l.state() == QueueState.CORRUPT) {
                json.put("corrupt_reason", error);
            }
            return json;
        }
    }

    @Command(name = "stat", description = "Print how many messages are queued and how many are not yet preprocessed.")
    static final class StatCommand extends Sub {
        @Override
        public Integer call() throws IOException {
            out().print(new QueueAdmin(parent().queue()).stat().text());
            out().flush();
            return 0;
        }
    }

    @Command(name = "flush", description = "Make all deferred mail due now.")
    static final class FlushCommand extends Sub {
        @Override
        public Integer call() throws IOException {
            out().println("flushed " + new QueueAdmin(parent().queue()).flush() + " deferred messages");
            return 0;
        }
    }

    /** A subcommand applied to each queue ID given. */
    abstract static class ByIdCommand extends Sub {
        @Parameters(paramLabel = "id", arity = "1..*", converter = IdConverter.class, description = "Queue IDs.")
        List<QueueId> ids = new ArrayList<>();

        abstract void apply(QueueAdmin admin, QueueId id) throws IOException;

        @Override
        public Integer call() throws IOException {
            QueueAdmin admin = new QueueAdmin(parent().queue());
            int failed = 0;
            for (QueueId id : ids) {
                try {
                    apply(admin, id);
                } catch (QueueException e) {
                    err().println("queue: " + e.getMessage());
                    failed++;
                }
            }
            return failed == 0 ? 0 : CommandRunner.FAILURE;
        }
    }

    @Command(name = "hold", description = "Put messages on hold: not delivered until released.")
    static final class HoldCommand extends ByIdCommand {
        @Override
        void apply(QueueAdmin admin, QueueId id) throws IOException {
            admin.hold(id);
        }
    }

    @Command(name = "release", description = "Release held messages for delivery now.")
    static final class ReleaseCommand extends ByIdCommand {
        @Override
        void apply(QueueAdmin admin, QueueId id) throws IOException {
            admin.release(id);
        }
    }

    @Command(name = "delete", description = "Delete messages from the queue (corrupt included).")
    static final class DeleteCommand extends ByIdCommand {
        @Override
        void apply(QueueAdmin admin, QueueId id) throws IOException {
            admin.delete(id);
        }
    }

    @Command(name = "requeue", description = "Move messages to incoming for delivery now (intact corrupt ones too).")
    static final class RequeueCommand extends ByIdCommand {
        @Override
        void apply(QueueAdmin admin, QueueId id) throws IOException {
            admin.requeue(id);
        }
    }

    @Command(name = "verify", description = {"Find partial, orphaned, mismatched or misplaced queue files",
        "and interrupted moves; exit 1 if a problem remains."})
    static final class VerifyCommand extends Sub {
        @Option(names = "--repair", description = "Repair what can be repaired (see the manual).")
        boolean repair;

        @Override
        public Integer call() throws IOException {
            QueueDirectories queue = parent().queue();
            List<VerifyFinding> findings = new QueueVerifier(queue, parent().clock,
                    parent().config().time("queue_stale_temp_time")).verify(repair);
            long left = findings.stream().filter(f -> f.repair().isEmpty()).count();
            findings.forEach(f -> out().println(f.line()));
            out().println("queue " + queue.root() + ": " + findings.size() + " problems, "
                    + (findings.size() - left) + " repaired");
            return left == 0 ? 0 : CommandRunner.FAILURE;
        }
    }

    @Command(name = "move", description = {"Move messages into another instance's queue (its incoming).",
        "Only messages whose every recipient the other instance takes now; --hold-unknown moves",
        "the others into its hold. Renames on one file system; otherwise copies, syncs, verifies",
        "and deletes, journaled: after a crash, run verify --repair on both queues."})
    static final class MoveCommand extends Sub {
        @Option(names = "--to", required = true, paramLabel = "CONFIG_DIR",
                description = "Configuration directory of the destination instance.")
        Path to;

        @Option(names = "--all", description = "Move every message not being delivered and not corrupt.")
        boolean all;

        @Option(names = "--hold-unknown", description = {"Move a message whose recipients the destination would",
            "refuse into its hold (release it there once they exist) instead of leaving it."})
        boolean holdUnknown;

        @Option(names = "--copy", hidden = true, description = "Copy even when a rename would do.")
        boolean copy;

        @Parameters(paramLabel = "id", arity = "0..*", converter = IdConverter.class, description = "Queue IDs.")
        List<QueueId> ids = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            if (all == !ids.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "give either --all or queue IDs");
            }
            InstanceConfig target = ownedConfig(to);
            QueueDirectories destination = QueueDirectories.of(target.queueDirectory());
            MoveReport report;
            Progress progress = Progress.start(err(), "queue move");
            try (RecipientCheck check = RecipientCheck.of(target, checkLog(target))) {
                QueueMover mover = new QueueMover(parent().queue(), destination, copy, check, holdUnknown,
                        warning -> err().println("queue: warning: " + warning)).reporting(progress);
                report = all ? mover.moveAll() : mover.move(ids);
            } finally {
                progress.finish();
            }
            List<QueueId> held = report.held().stream().map(MoveReport.Held::id).toList();
            report.moved().stream().filter(id -> !held.contains(id))
                    .forEach(id -> out().println(id + ": moved to " + destination.root()));
            report.held().forEach(h -> out().println(h.id() + ": moved to " + destination.root()
                    + ", on hold there: it would refuse " + h.reason()));
            report.skipped().forEach(s -> err().println("queue: " + s));
            return report.skipped().isEmpty() ? 0 : CommandRunner.FAILURE;
        }
    }

    /**
     * {@code deliver [-f sender] recipient... < message}: queues standard input into
     * maildrop. Runs as {@code queue deliver}, or mounted on its own (e.g. as
     * {@code storeadm deliver}) with {@link #DeliverCommand(QueueCommand)} supplying the
     * instance, clock and input.
     */
    @Command(name = "deliver", description = {"Queue the message on standard input for local delivery",
        "(into maildrop; works while the daemon is down). Prints the queue ID. Refuses, queueing",
        "nothing, when the store does not take a recipient now (no such user)."})
    public static final class DeliverCommand extends Sub {

        /** As a subcommand of {@code queue}: picocli sets the parent. */
        public DeliverCommand() {
        }

        /** Mounted elsewhere: {@code context} supplies the instance, clock and input. */
        public DeliverCommand(QueueCommand context) {
            this.context = context;
        }

        @Option(names = "-f", paramLabel = "sender", description = "Envelope sender (default: USER@$default_domain; \"\" for <>).")
        String sender;

        @Parameters(paramLabel = "recipient", arity = "1..*", description = "Envelope recipients.")
        List<String> recipients = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            InstanceConfig config = parent().config();
            byte[] message = parent().stdin.readAllBytes();
            long limit = config.number("message_size_limit");
            if (limit > 0 && message.length > limit) {
                throw new QueueException("message of " + message.length + " bytes exceeds message_size_limit = " + limit);
            }
            String from = sender != null ? sender : System.getProperty("user.name") + "@" + config.get("default_domain");
            List<String> refused;
            try (RecipientCheck check = RecipientCheck.of(config, checkLog(config))) {
                refused = check.refusals(recipients);
            }
            if (!refused.isEmpty()) {
                throw new QueueException("nothing queued: " + String.join("; ", refused));
            }
            QueueId id;
            try {
                id = new QueueWriter(QueueDirectories.of(config.queueDirectory()), parent().clock).inject(from, recipients, message);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            out().println(id);
            return 0;
        }
    }

    /** The picocli command line, with the project's exit codes and error lines. */
    public static CommandLine commandLine(QueueCommand command) {
        return CommandRunner.commandLine("queue", command);
    }
}
