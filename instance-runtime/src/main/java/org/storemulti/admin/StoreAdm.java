package org.storemulti.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.storemulti.cli.CommandRunner;
import org.storemulti.cli.HelpOptions;
import org.storemulti.cli.Installation;
import org.storemulti.cli.VersionProvider;
import org.storemulti.config.ConfigException;
import org.storemulti.config.InstanceConfig;
import org.storemulti.owner.MailOwner;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
        CommandLine cli = CommandRunner.onStandardStreams(commandLine());
        Optional<MailOwner> owner = ownerToBecome(cli, args);
        if (owner.isPresent()) {
            List<String> again = new ArrayList<>(List.of(Installation.launcher("storeadm").orElseThrow().toString()));
            again.addAll(List.of(args));
            try {
                System.exit(owner.get().run(again));
            } catch (IOException | InterruptedException e) {
                cli.getErr().println("storeadm: fatal: " + e.getMessage());
                System.exit(CommandRunner.FAILURE);
            }
        }
        System.exit(cli.execute(args)); // picocli resets what the first parse set
    }

    /**
     * The instance's mail_owner when root runs storeadm for it from a launcher: storeadm then
     * runs again as that user through the launcher, so what it writes belongs to the daemon's
     * user. Otherwise, and for anything unparsable, empty: without a launcher the session
     * refuses root, and {@code execute} reports what does not parse. The spool commands stay
     * root's: they read every user's mailbox and touch no instance.
     */
    private static Optional<MailOwner> ownerToBecome(CommandLine cli, String[] args) {
        if (!MailOwner.ROOT.equals(System.getProperty("user.name")) || Installation.launcher("storeadm").isEmpty()) {
            return Optional.empty();
        }
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            if (parsed.hasSubcommand() && parsed.subcommand().commandSpec().name().equals(SpoolCommands.GROUP)) {
                return Optional.empty();
            }
            Path option = cli.<StoreAdm>getCommand().configDirectory;
            MailOwner owner = MailOwner.of(InstanceConfig.load(InstanceConfig.chooseDirectory(option, System.getenv())));
            return owner.switchesUser() ? Optional.of(owner) : Optional.empty();
        } catch (ParameterException | ConfigException e) {
            return Optional.empty();
        }
    }

    /** storeadm with every command mounted; the store is closed after each {@code execute}. */
    public static CommandLine commandLine() {
        StoreAdm storeadm = new StoreAdm();
        CommandLine cli = CommandRunner.commandLine("storeadm", storeadm);
        cli.setExpandAtFiles(false);
        CommandTable.mount(cli, storeadm.session);
        CommandLine.IParameterExceptionHandler usage = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((e, args) ->
                SyncCommands.usageStatus(e.getCommandLine(), usage.handleParseException(e, args)));
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
