package org.storemulti.control;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.storemulti.cli.CommandRunner;
import org.storemulti.cli.VersionProvider;
import org.storemulti.config.InstanceConfig;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code storectl [-c config_dir] [-v] COMMAND}: start, stop and inspect one instance,
 * like Postfix's {@code postfix} command. {@link #run} is the in-process entry point
 * that {@code storemulti -p} uses for every instance.
 */
@Command(name = "storectl", separator = " ", versionProvider = VersionProvider.class,
        description = "Control one store instance: start, start-fg, stop, quick-stop, abort, reload, flush, status, check.")
public final class StoreCtl implements Callable<Integer> {

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "Show the version and exit.")
    boolean version;

    @Option(names = "-c", paramLabel = "config_dir",
            description = "Instance configuration directory (default: $STORE_CONFIG, else the primary).")
    Path configDirectory;

    @Option(names = "-v", description = "More logging; repeat for more.")
    boolean[] verbose = new boolean[0];

    @Parameters(index = "0", paramLabel = "COMMAND", description = "start, start-fg, stop, quick-stop, abort, reload, flush, status or check.")
    String command;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments for the command.")
    List<String> arguments = new ArrayList<>();

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
    public Integer call() {
        InstanceConfig config = InstanceConfig.load(InstanceConfig.chooseDirectory(configDirectory, System.getenv()));
        throw new UnsupportedOperationException("storectl " + command + " for " + config.configDirectory()
                + ": not yet implemented");
    }
}
