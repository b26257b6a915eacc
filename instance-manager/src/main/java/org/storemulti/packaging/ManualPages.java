package org.storemulti.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.storemulti.cli.CommandRunner;

import picocli.CommandLine.Model.CommandSpec;

/**
 * The generated AsciiDoc the page templates ({@code instance-manager/src/man/*.adoc})
 * include from {@code {generated}}: per command {@code NAME.picocli.adoc} (picocli-codegen's
 * page: synopsis, description, options, arguments), {@code NAME.name.adoc} (the NAME line),
 * {@code NAME.exit-status.adoc} and {@code NAME.examples.adoc} (the README tour);
 * {@code storeadm.commands.adoc} (its command table) and {@code parameters.adoc} (the
 * parameter registry, for storeconf(5)).
 */
final class ManualPages {

    private ManualPages() {
    }

    static void write(Path generated, Path readme) throws IOException {
        Files.createDirectories(generated);
        TourExamples tour = TourExamples.read(readme);
        for (Program program : Program.values()) {
            String name = program.command();
            CommandSpec spec = program.commandLine().getCommandSpec();
            write(generated.resolve(name + ".picocli.adoc"), PicocliPage.of(spec).text());
            write(generated.resolve(name + ".name.adoc"), name + " - " + purpose(spec) + "\n");
            write(generated.resolve(name + ".exit-status.adoc"), exitStatus(name));
            write(generated.resolve(name + ".examples.adoc"), tour.adoc(name));
        }
        write(generated.resolve("storeadm.commands.adoc"), AdminCommands.adoc(Program.STOREADM.commandLine()));
        // storemulti's one subcommand gets a section of its page, from its own Picocli definition
        write(generated.resolve("storemulti-user-move.picocli.adoc"), PicocliPage.of(
                Program.STOREMULTI.commandLine().getSubcommands().get("user-move").getCommandSpec()).text());
        write(generated.resolve("parameters.adoc"), ParameterPage.adoc());
    }

    /** The first sentence (or clause before a colon) of the command's description: its NAME line. */
    static String purpose(CommandSpec spec) {
        String description = String.join(" ", spec.usageMessage().description()).strip();
        String first = description.split("(: |\\. |\\.$)", 2)[0].strip();
        if (first.isEmpty()) {
            throw new IllegalStateException(spec.name() + " has no description to take its NAME line from");
        }
        return first;
    }

    /** What {@link CommandRunner} makes every command exit with. */
    private static String exitStatus(String program) {
        return "*0*::\n  Success.\n\n"
                + "*" + CommandRunner.FAILURE + "*::\n  Failure: one line \"" + program
                + ": fatal: MESSAGE\" on standard error (with *-v*, or STORE_VERBOSE set, its stack trace too).\n\n"
                + "*" + CommandRunner.USAGE + "*::\n  The command line could not be understood: one line \"" + program
                + ": usage: MESSAGE (see " + program + " --help)\" on standard error.\n";
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
