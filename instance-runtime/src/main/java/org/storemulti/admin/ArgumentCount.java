package org.storemulti.admin;

import java.util.List;
import java.util.Optional;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The most words a command's arguments can take, counted from its picocli model, so a
 * script line that gives more is refused in time linear in its length: picocli's own
 * refusal lists every unmatched word and took 68 s for a line of 200,000.
 */
final class ArgumentCount {

    private ArgumentCount() {
    }

    /** Why {@code words} (command words, then arguments) are too many for their command; empty if not. */
    static Optional<String> excess(CommandLine root, List<String> words) {
        CommandLine command = root;
        int used = 0;
        while (used < words.size() && command.getSubcommands().containsKey(words.get(used))) {
            command = command.getSubcommands().get(words.get(used));
            used++;
        }
        long most = most(command.getCommandSpec());
        int given = words.size() - used;
        if (given <= most) {
            return Optional.empty();
        }
        String name = String.join(" ", words.subList(0, used));
        return Optional.of(name + " takes at most " + most + " argument" + (most == 1 ? "" : "s")
                + ", the line gives " + given + " (see help " + name + ")");
    }

    /**
     * Every option once with its most values (--help counts too), plus every positional
     * parameter's most; unbounded as Long.MAX_VALUE.
     */
    private static long most(CommandSpec spec) {
        long total = 0;
        for (OptionSpec option : spec.options()) {
            if (option.isMultiValue() || unbounded(option)) {
                return Long.MAX_VALUE; // repeatable or open-ended: no bound to check
            }
            total += 1 + option.arity().max();
        }
        for (ArgSpec positional : spec.positionalParameters()) {
            if (unbounded(positional)) {
                return Long.MAX_VALUE;
            }
            total += positional.arity().max();
        }
        return total;
    }

    private static boolean unbounded(ArgSpec arg) {
        return arg.arity().isUnspecified() && arg.isMultiValue() || arg.arity().max() == Integer.MAX_VALUE;
    }
}
