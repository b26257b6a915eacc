package org.storemulti.admin;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.storemulti.cli.CommandRunner;
import org.storemulti.cli.HelpOptions;
import org.storemulti.cli.VersionProvider;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code storeadm}: administer one store instance (the M-Store admin commands). With a
 * command, runs it once; without, runs a script ({@code -f}) or standard input.
 */
@Command(name = "storeadm", separator = " ", versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Administer a store instance: domains, accounts, mailboxes, ACLs, quotas, bulk files, "
            + "database tools. Every command also answers to its M-Store name (domain_add, auth_get, ...); "
            + "'storeadm GROUP --help' lists both names.",
            "Without a command, reads commands from -f SCRIPT or standard input, one per line."})
public final class StoreAdm implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOptions helpOptions;

    @Option(names = "-c", paramLabel = "config_dir",
            description = "Instance configuration directory (default: $STORE_CONFIG, else the primary).")
    Path configDirectory;

    @Option(names = "-d", paramLabel = "domain", description = "Current domain, as domain_set sets it in a script.")
    String domain;

    @Option(names = "-f", paramLabel = "script", description = "Run the commands in this file.")
    Path script;

    @Option(names = "-k", description = "In a script, report a failing line and go on (default: stop).")
    boolean keepGoing;

    @Option(names = "-v", description = "Print a stack trace with each error (also in scripts).")
    boolean verbose;

    private final AdminSession session = new AdminSession(() -> configDirectory, () -> domain);

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** storeadm with every command mounted; the store is closed after each {@code execute}. */
    public static CommandLine commandLine() {
        StoreAdm storeadm = new StoreAdm();
        CommandLine cli = CommandRunner.commandLine("storeadm", storeadm);
        cli.setExpandAtFiles(false);
        CommandTable.mount(cli, storeadm.session);
        CommandLine.IExecutionStrategy last = new CommandLine.RunLast();
        cli.setExecutionStrategy(parsed -> {
            try {
                return last.execute(parsed);
            } finally {
                storeadm.session.close();
            }
        });
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        ScriptRunner runner = new ScriptRunner(session, spec.commandLine(),
                script == null ? "stdin" : script.toString(), keepGoing, verbose);
        if (script == null) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            return runner.run(in, System.console() != null);
        }
        try (BufferedReader in = Files.newBufferedReader(script, StandardCharsets.UTF_8)) {
            return runner.run(in, false);
        } catch (NoSuchFileException e) {
            throw new AdminException("open " + script + ": No such file or directory");
        }
    }
}
