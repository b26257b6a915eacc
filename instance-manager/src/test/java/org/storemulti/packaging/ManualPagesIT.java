package org.storemulti.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.storemulti.config.Parameter;
import org.storemulti.config.ParameterRegistry;
import org.storemulti.testing.InstanceSet;
import org.storemulti.testing.ProcessRun;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The man pages the build rendered (instance-manager/target/packaging/share/man): each one
 * renders with {@code man -l} without a word from groff's warnings ({@code man --warnings},
 * which is {@code groff -ww}), has the seed's sections, and names everything its sources
 * define: every option of its command, storeadm's whole command table under both names,
 * every parameter of the registry with its default, the README tour's lines. Skipped only
 * where the build could not render them (asciidoctor or man not installed; CI installs both).
 */
class ManualPagesIT {

    private static final Path MAN = InstanceSet.checkout().resolve("instance-manager/target/packaging/share/man");
    private static final List<String> PAGES = List.of("man1/storemulti.1.gz", "man1/storectl.1.gz",
            "man1/storeconf.1.gz", "man1/storeadm.1.gz", "man5/storeconf.5.gz");

    @TempDir
    Path temp;

    @BeforeAll
    static void thePagesWereRendered() {
        assumeTrue(ProcessRun.onPath("man").isPresent(), "man is not installed (apt-get install man-db)");
        boolean rendered = Files.isRegularFile(MAN.resolve(PAGES.get(0)));
        if (ProcessRun.onPath(Asciidoctor.PROGRAM).isPresent()) {
            assertTrue(rendered, "asciidoctor is installed, yet the build rendered no page in " + MAN + ": run mvn package");
        }
        assumeTrue(rendered, "the build rendered no man pages: asciidoctor was not installed (apt-get install asciidoctor)");
    }

    /** What man prints for page {@code file}, and what groff warned about. */
    private static ProcessRun man(Path file, int width) {
        return ProcessRun.run(List.of("man", "--warnings", "-l", file.toString()),
                Map.of("MANWIDTH", Integer.toString(width), "LC_ALL", "C.UTF-8", "MANPAGER", "cat", "PAGER", "cat"),
                Duration.ofMinutes(1)).ok();
    }

    /** The page as text, one paragraph a line (wide enough that nothing wraps), spaces collapsed. */
    private static String text(String page) {
        return man(MAN.resolve(page), 1000).out().replaceAll("[ \\t]+", " ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"man1/storemulti.1.gz", "man1/storectl.1.gz", "man1/storeconf.1.gz",
        "man1/storeadm.1.gz", "man5/storeconf.5.gz"})
    void thePageRendersOnAnEightyColumnTerminalWithoutAWarning(String page) {
        ProcessRun run = man(MAN.resolve(page), 80);
        assertEquals("", run.err(), page);
        assertTrue(run.out().lines().count() > 20, page + " rendered to almost nothing:\n" + run.out());
    }

    @Test
    void theWarningCheckSeesAWarning() throws IOException {
        Path broken = temp.resolve("broken.1");
        Files.writeString(broken, ".TH BROKEN 1\n.SH NAME\nbroken \\- a test\n.XX undefined macro\n", StandardCharsets.UTF_8);
        ProcessRun run = man(broken, 80);
        assertTrue(run.err().contains("warning"), "no warning for an undefined macro: " + run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"storemulti", "storectl", "storeconf", "storeadm"})
    void eachCommandsPageHasTheSeedsSectionsAndEveryOption(String command) {
        String text = text("man1/" + command + ".1.gz");
        for (String section : List.of("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "ENVIRONMENT",
                "EXAMPLES", "FILES", "SEE ALSO")) {
            assertTrue(text.contains("\n" + section + "\n"), command + ": no section " + section);
        }
        CommandLine cli = Program.valueOf(command.toUpperCase()).commandLine();
        for (OptionSpec option : cli.getCommandSpec().options()) {
            for (String name : option.names()) {
                assertTrue(Pattern.compile("(?m)^ *" + Pattern.quote(name) + "\\b").matcher(text).find(),
                        command + ": option " + name + " is not listed");
            }
        }
        assertTrue(text.contains(command + " - "), command + ": no NAME line");
    }

    @Test
    void storeadmsPageListsItsWholeCommandTableUnderBothNames() {
        String text = text("man1/storeadm.1.gz");
        assertTrue(text.contains("\nCOMMANDS\n"), "no COMMANDS section");
        List<String> missing = new ArrayList<>();
        CommandLine storeadm = Program.STOREADM.commandLine();
        storeadm.getSubcommands().forEach((name, command) -> {
            if (command.getCommandSpec().usageMessage().hidden()) {
                if (!text.contains("(also: " + name + ")")) {
                    missing.add("seed name " + name);
                }
            } else if (command.getSubcommands().isEmpty()) {
                if (!Pattern.compile("(?m)^ *" + Pattern.quote(name) + "\\b").matcher(text).find()) {
                    missing.add(name);
                }
            } else {
                command.getSubcommands().forEach((sub, leaf) -> {
                    if (!leaf.getCommandSpec().usageMessage().hidden()
                            && !Pattern.compile("(?m)^ *" + Pattern.quote(name + " " + sub) + "\\b").matcher(text).find()) {
                        missing.add(name + " " + sub);
                    }
                });
            }
        });
        assertEquals(List.of(), missing, "storeadm commands missing from its page");
    }

    @Test
    void theParametersPageListsEveryParameterOfTheRegistryWithItsDefault() {
        String text = text("man5/storeconf.5.gz");
        for (String section : List.of("NAME", "SYNOPSIS", "DESCRIPTION", "PARAMETERS", "FILES", "SEE ALSO")) {
            assertTrue(text.contains("\n" + section + "\n"), "storeconf(5): no section " + section);
        }
        for (Parameter p : ParameterRegistry.all()) {
            String term = p.name() + " (default: " + (p.defaultValue().isEmpty() ? "empty" : p.defaultValue()) + ")";
            assertTrue(text.contains(term), "storeconf(5) lacks: " + term);
            assertTrue(text.contains(p.type().expected()), "storeconf(5) lacks the type of " + p.name());
        }
    }

    @Test
    void theExamplesAreTheReadmeToursLinesWithASystemInstallsPaths() throws IOException {
        Pattern launcher = Pattern.compile("\\bbin/(store(?:multi|ctl|conf|adm))\\b");
        List<String> readme = Files.readAllLines(InstanceSet.checkout().resolve("README.md"));
        Map<String, String> pages = new HashMap<>();
        int checked = 0;
        for (String line : readme.subList(readme.indexOf("## Tour") + 1, readme.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher m = launcher.matcher(line);
            if (m.find()) {
                String command = m.group(1);
                String example = m.replaceAll("$1").replace("sandbox/", "/").replaceAll("[ \\t]+", " ").strip();
                String page = pages.computeIfAbsent(command, c -> text("man1/" + c + ".1.gz"));
                assertTrue(page.contains(example), command + "'s EXAMPLES lack: " + example);
                checked++;
            }
        }
        assertFalse(checked < 20, "only " + checked + " tour lines found in the README");
    }
}
