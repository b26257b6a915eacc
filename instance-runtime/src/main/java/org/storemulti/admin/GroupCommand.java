package org.storemulti.admin;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/** A readable command group such as {@code domain}: run alone, it asks for one of its commands. */
final class GroupCommand implements Callable<Integer> {

    private CommandSpec spec;

    static CommandLine create(String name, String description) {
        GroupCommand command = new GroupCommand();
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        command.spec = spec;
        spec.name(name);
        spec.usageMessage().description(description);
        spec.addOption(OptionSpec.builder("--help").usageHelp(true).description("Show this help and exit.").build());
        return new CommandLine(spec);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), spec.name() + ": missing command, one of: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
