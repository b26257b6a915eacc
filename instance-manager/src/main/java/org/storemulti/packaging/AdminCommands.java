package org.storemulti.packaging;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;

/**
 * storeadm's COMMANDS section: every command of its command table as mounted, with its
 * synopsis and description from picocli-codegen; the description names the command's other
 * (M-Store) name, as the table mounts it. Commands outside a group first, then each group.
 */
final class AdminCommands {

    private AdminCommands() {
    }

    static String adoc(CommandLine storeadm) {
        StringBuilder out = new StringBuilder();
        List<CommandLine> groups = new ArrayList<>();
        for (CommandLine command : visible(storeadm)) {
            if (command.getSubcommands().isEmpty()) {
                item(out, command);
            } else {
                groups.add(command);
            }
        }
        for (CommandLine group : groups) {
            PicocliPage page = PicocliPage.of(group.getCommandSpec());
            out.append("\n=== ").append(group.getCommandName()).append("\n\n").append(page.body("description")).append("\n\n");
            for (CommandLine command : visible(group)) {
                item(out, command);
            }
        }
        return out.toString();
    }

    /** The subcommands shown in help, once each (an alias maps to the same command line). */
    private static List<CommandLine> visible(CommandLine parent) {
        return parent.getSubcommands().values().stream().distinct()
                .filter(c -> !c.getCommandSpec().usageMessage().hidden()).toList();
    }

    /** {@code *domain add* _DOMAIN_::} and the description, indented: one labeled-list entry. */
    private static void item(StringBuilder out, CommandLine command) {
        PicocliPage page = PicocliPage.of(command.getCommandSpec());
        String synopsis = page.body("synopsis").replaceAll("\\s*\n\\s*", " ")
                .replace(" [*--help*]", "").replaceFirst("^\\*storeadm ", "*");
        out.append(synopsis).append("::\n");
        for (String line : page.body("description").split("\n")) {
            out.append("  ").append(line).append('\n');
        }
        out.append('\n');
    }
}
