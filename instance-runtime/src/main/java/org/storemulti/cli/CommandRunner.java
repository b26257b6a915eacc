package org.storemulti.cli;

import java.io.PrintWriter;

import org.storemulti.log.CommandStderr;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Runs a Picocli command the way every storemulti command behaves: exit 0 on success,
 * 1 on failure with one line {@code PROGRAM: fatal: MESSAGE} on stderr, 2 on a usage
 * error with one line {@code PROGRAM: usage: MESSAGE (see PROGRAM --help)}. With
 * {@code -v} (or {@code STORE_VERBOSE} set) a failure also prints its stack trace. Run on
 * the process's own streams ({@link #onStandardStreams}), the lines on standard error reach
 * the journal under their levels' priorities when standard error is the journal
 * ({@link CommandStderr}).
 */
public final class CommandRunner {

    /** Exit status of a failed command. */
    public static final int FAILURE = 1;
    /** Exit status of a command line that could not be understood. */
    public static final int USAGE = 2;

    private CommandRunner() {
    }

    /** Builds the command line for {@code command} with the project's handlers installed. */
    public static CommandLine commandLine(String program, Object command) {
        CommandLine cli = new CommandLine(command);
        cli.setCommandName(program);
        cli.setParameterExceptionHandler((ParameterException e, String[] args) -> {
            e.getCommandLine().getErr().println(program + ": usage: " + e.getMessage()
                    + " (see " + program + " --help)");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((Exception e, CommandLine failed, CommandLine.ParseResult parsed) -> {
            PrintWriter err = failed.getErr();
            err.println(program + ": fatal: " + oneLine(e));
            if (verbose(parsed)) {
                e.printStackTrace(err);
            }
            return FAILURE;
        });
        return cli;
    }

    /** Parses {@code args}, runs the command on the process's own streams, returns its exit status. */
    public static int run(String program, Object command, String... args) {
        return onStandardStreams(commandLine(program, command)).execute(args);
    }

    /**
     * {@code cli}, complete with its subcommands, made ready to run on the process's own
     * streams: while standard error is the journal ({@code $JOURNAL_STREAM}), its error
     * writer is {@link CommandStderr#journal}'s; otherwise it stays picocli's plain one.
     */
    public static CommandLine onStandardStreams(CommandLine cli) {
        CommandStderr.journal(System.getenv()).ifPresent(cli::setErr);
        return cli;
    }

    /** Runs and exits the JVM with the command's status. */
    public static void main(String program, Object command, String... args) {
        System.exit(run(program, command, args));
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message.replace('\n', ' ');
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        String env = System.getenv("STORE_VERBOSE");
        return (env != null && !env.isEmpty()) || parsed != null && parsed.hasMatchedOption("-v");
    }
}
