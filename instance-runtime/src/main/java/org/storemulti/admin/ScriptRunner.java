package org.storemulti.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

import org.storemulti.cli.CommandRunner;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs storeadm commands from a script or standard input, one per line, in one session
 * (so {@code domain_set} carries over). {@code quit} or {@code exit} ends the script. A
 * failing line is reported as {@code SCRIPT:LINE: message} and stops the script, or with
 * {@code -k} the script goes on; either way the exit status is then non-zero.
 */
final class ScriptRunner {

    private final AdminSession session;
    private final String name;
    private final boolean keepGoing;
    private final boolean verbose;
    private final PrintWriter out;
    private final PrintWriter err;
    private String where;

    ScriptRunner(AdminSession session, CommandLine root, String name, boolean keepGoing, boolean verbose) {
        this.session = session;
        this.name = name;
        this.keepGoing = keepGoing;
        this.verbose = verbose;
        this.out = root.getOut();
        this.err = root.getErr();
    }

    int run(BufferedReader in, boolean interactive) throws IOException {
        CommandLine commands = lineCommands();
        int status = 0;
        int number = 0;
        for (String text = prompt(in, interactive); text != null; text = prompt(in, interactive)) {
            number++;
            where = name + ":" + number;
            int result = runLine(commands, text);
            if (result < 0) {
                break;
            }
            if (result > 0) {
                status = result;
                if (!keepGoing) {
                    break;
                }
            }
        }
        out.flush();
        err.flush();
        return status;
    }

    /** Runs one line: 0 done, -1 quit, else the failing command's status. */
    private int runLine(CommandLine commands, String text) {
        List<String> words;
        try {
            words = ScriptLine.words(text);
        } catch (AdminException e) {
            err.println(where + ": " + e.getMessage());
            return CommandRunner.USAGE;
        }
        if (words.isEmpty()) {
            return 0;
        }
        if (words.size() == 1 && (words.get(0).equals("quit") || words.get(0).equals("exit"))) {
            return -1;
        }
        if (!commands.getSubcommands().containsKey(words.get(0))) {
            err.println(where + ": unknown command '" + words.get(0) + "' (help lists the commands)");
            return CommandRunner.USAGE;
        }
        Optional<String> tooMany = ArgumentCount.excess(commands, words);
        if (tooMany.isPresent()) {
            err.println(where + ": usage: " + tooMany.get());
            return CommandRunner.USAGE;
        }
        return commands.execute(words.toArray(String[]::new));
    }

    private String prompt(BufferedReader in, boolean interactive) throws IOException {
        if (interactive) {
            out.print("storeadm> ");
            out.flush();
        }
        return in.readLine();
    }

    /** The command table again, with errors reported as {@code SCRIPT:LINE: ...}. */
    private CommandLine lineCommands() {
        CommandSpec spec = CommandSpec.create().name("storeadm");
        spec.usageMessage().description("Script commands, one per line; # starts a comment line;",
                "help [COMMAND] explains a command; quit or exit ends the script.");
        CommandLine commands = new CommandLine(spec);
        CommandTable.mount(commands, session);
        commands.setExpandAtFiles(false);
        commands.setOut(out);
        commands.setErr(err);
        commands.setParameterExceptionHandler((e, args) -> {
            err.println(where + ": usage: " + e.getMessage() + " (see help " + args[0] + ")");
            return CommandRunner.USAGE;
        });
        commands.setExecutionExceptionHandler((e, failed, parsed) -> {
            err.println(where + ": " + oneLine(e));
            if (verbose) {
                e.printStackTrace(err);
            }
            return CommandRunner.FAILURE;
        });
        return commands;
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.replace('\n', ' ');
    }
}
