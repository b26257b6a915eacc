package org.storemulti.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.storemulti.control.StoreCtl;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Bash completion for one command: picocli's {@link AutoComplete} script, and for
 * storemulti what only the running system knows ({@code storemulti-completion.bash}):
 * instance names after {@code -i} and groups after {@code -g}, read from
 * {@code storemulti -l}, and storectl's commands after {@code -p}.
 */
final class Completion {

    private static final String STOREMULTI_EXTRA = "storemulti-completion.bash";

    private Completion() {
    }

    static String script(Program program) throws IOException {
        CommandSpec spec = program.commandLine().getCommandSpec();
        // sourced by bash-completion, never run: no #! line
        String script = AutoComplete.bash(program.command(), new CommandLine(view(spec))).replaceFirst("^#![^\n]*\n", "");
        if (program == Program.STOREMULTI) {
            script += storemultiExtra(spec);
        }
        return script;
    }

    /**
     * The command as AutoComplete should see it: picocli takes a repeatable flag
     * ({@code boolean[]}, as {@code -v} and postmulti's {@code -l}, {@code -p}) for an option
     * with a value, which would stop completion after it; here it is a plain flag.
     */
    static CommandSpec view(CommandSpec real) {
        CommandSpec view = CommandSpec.create().name(real.name());
        view.usageMessage().hidden(real.usageMessage().hidden());
        for (OptionSpec option : real.options()) {
            view.addOption(option.arity().max() == 0
                    ? OptionSpec.builder(option.names()).arity("0").type(boolean.class).hidden(option.hidden())
                            .description(option.description()).build()
                    : option.toBuilder().build());
        }
        for (PositionalParamSpec positional : real.positionalParameters()) {
            view.addPositional(positional.toBuilder().build());
        }
        real.subcommands().forEach((name, sub) -> view.addSubcommand(name, new CommandLine(view(sub.getCommandSpec()))));
        return view;
    }

    private static String storemultiExtra(CommandSpec storemulti) throws IOException {
        String withValue = storemulti.options().stream().filter(o -> o.arity().max() > 0)
                .flatMap(o -> Arrays.stream(o.names())).collect(Collectors.joining("|"));
        String commands = String.join(" ", new StoreCtl.CommandWords());
        try (InputStream in = Completion.class.getResourceAsStream(STOREMULTI_EXTRA)) {
            if (in == null) {
                throw new IOException("resource " + STOREMULTI_EXTRA + " missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@OPTIONS_WITH_VALUE@", withValue)
                    .replace("@STORECTL_COMMANDS@", commands);
        }
    }
}
