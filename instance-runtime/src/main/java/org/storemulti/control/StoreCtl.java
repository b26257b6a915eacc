package org.storemulti.control;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.storemulti.cli.CommandRunner;
import org.storemulti.cli.OutputOptions;
import org.storemulti.cli.StandardOptions;
import org.storemulti.cli.VersionProvider;
import org.storemulti.config.InstanceConfig;
import org.storemulti.daemon.StopMode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code storectl [-c config_dir] [-v] COMMAND}: start, stop and inspect one instance,
 * like Postfix's {@code postfix} command. {@link #run} is the in-process entry point
 * that {@code storemulti -p} uses for every instance.
 */
@Command(name = "storectl", separator = " ", versionProvider = VersionProvider.class,
        description = {"Control one store instance, like Postfix's postfix command.",
            "start: check, then start the daemon detached (run by root: as mail_owner, through setpriv) and wait until"
                + " it is ready; start-fg: run it in this process;",
            "stop: graceful; quick-stop: drop in-flight sessions; abort: kill at once; reload: re-read main.cf;",
            "flush: retry deferred mail; status: exit 0 if running, 1 if not; check: report problems;",
            "who: list the IMAP sessions (session, user, client, since, selected mailbox); kick USER: end the IMAP"
                + " sessions of USER (user@domain), say how many;",
            "wait-ready [MAIN_PID]: wait until the daemon reports ready, within daemon_start_timeout (a systemd unit's"
                + " ExecStartPost=); exit 0 at once when process MAIN_PID exits first;",
            "set-permissions: create the instance's directories and fix their modes (run by root: hand them to"
                + " mail_owner)."})
public final class StoreCtl implements Callable<Integer> {

    /** Every command word, in help order: the switch in {@link #call} handles each one. */
    static final List<String> COMMAND_WORDS = List.of("start", "start-fg", "stop", "quick-stop", "abort", "reload",
            "flush", "status", "who", "kick", "check", "set-permissions", "wait-ready");
    static final String COMMANDS = String.join(", ", COMMAND_WORDS.subList(0, COMMAND_WORDS.size() - 1)) + " or "
            + COMMAND_WORDS.get(COMMAND_WORDS.size() - 1);

    @Spec
    CommandSpec spec;

    @Mixin
    StandardOptions options;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "COMMAND", completionCandidates = CommandWords.class,
            description = "One of: ${COMPLETION-CANDIDATES}.")
    String command;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments for the command.")
    List<String> arguments = new ArrayList<>();

    /** The command words, for help and shell completion. */
    public static final class CommandWords implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return COMMAND_WORDS.iterator();
        }
    }

    public static void main(String[] args) {
        CommandRunner.main("storectl", new StoreCtl(), args);
    }

    /**
     * Runs {@code storectl -c configDirectory commandAndArgs...} in this JVM with the given
     * output streams and returns its exit status (0 ok, 1 failure, 2 usage).
     */
    public static int run(Path configDirectory, List<String> commandAndArgs, PrintWriter out, PrintWriter err) {
        List<String> args = new ArrayList<>(List.of("-c", configDirectory.toString()));
        args.addAll(commandAndArgs);
        CommandLine cli = CommandRunner.commandLine("storectl", new StoreCtl());
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args.toArray(String[]::new));
    }

    @Override
    public Integer call() throws Exception {
        InstanceConfig config = InstanceConfig.load(InstanceConfig.chooseDirectory(options.configDirectory(), System.getenv()));
        InstanceControl instance = new InstanceControl(config, spec.commandLine().getOut(), spec.commandLine().getErr(),
                options.verbosity() > 0, ProcessLauncher.DETACHED);
        if (output.given() && !command.equals("status") && !command.equals("who")) {
            throw new ParameterException(spec.commandLine(), command + ": -j and --format apply to status and who only");
        }
        if (command.equals("wait-ready")) {
            return instance.waitReady(mainPid());
        }
        if (command.equals("kick")) {
            return instance.kick(kickedUser());
        }
        requireNoArguments();
        return switch (command) {
            case "start" -> instance.start();
            case "start-fg" -> instance.startForeground();
            case "stop" -> instance.stop(StopMode.GRACEFUL);
            case "quick-stop" -> instance.stop(StopMode.QUICK);
            case "abort" -> instance.abort();
            case "reload" -> instance.reload();
            case "flush" -> instance.flush();
            case "status" -> instance.status(output.json());
            case "who" -> instance.who(output.json());
            case "check" -> instance.check();
            case "set-permissions" -> instance.setPermissions();
            default -> throw new ParameterException(spec.commandLine(), "unknown command '" + command + "': expected "
                    + COMMANDS);
        };
    }

    /** wait-ready's optional MAIN_PID. */
    private Optional<Long> mainPid() {
        if (arguments.size() > 1 || !arguments.isEmpty() && !arguments.get(0).matches("[0-9]{1,18}")) {
            throw new ParameterException(spec.commandLine(), "wait-ready: expected at most one argument, the PID of"
                    + " the process to watch (systemd's $MAINPID), not '" + String.join(" ", arguments) + "'");
        }
        return arguments.stream().findFirst().map(Long::parseLong);
    }

    /** kick's USER: one argument, user@domain. */
    private String kickedUser() {
        if (arguments.size() != 1 || arguments.get(0).indexOf('@') <= 0) {
            throw new ParameterException(spec.commandLine(), "kick: expected one argument, the user whose IMAP sessions"
                    + " to end (user@domain), not '" + String.join(" ", arguments) + "'");
        }
        return arguments.get(0);
    }

    private void requireNoArguments() {
        if (!arguments.isEmpty()) {
            throw new ParameterException(spec.commandLine(), command + ": unexpected argument '" + arguments.get(0) + "'");
        }
    }
}
