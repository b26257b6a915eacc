package org.storemulti.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.storemulti.config.InstanceConfig;
import org.storemulti.config.MainCf;
import org.storemulti.config.Parameter;
import org.storemulti.config.ParameterRegistry;
import org.storemulti.testing.InstanceSet;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The packaging step's pieces, without asciidoctor, man or bash. */
class PackagingPiecesTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aGzipFileReadsBackAndSaysItIsBestCompressed(long seed) throws IOException {
        byte[] content = new byte[new Random(seed).nextInt(200_000)];
        new Random(seed).nextBytes(content);
        content = (new String(content, StandardCharsets.ISO_8859_1) + ".TH X 1\n".repeat(1000)).getBytes(StandardCharsets.ISO_8859_1);
        Path file = temp.resolve("page.1.gz");

        GzipFile.write(content, file);

        byte[] written = Files.readAllBytes(file);
        assertEquals(2, written[8], "the header's best-compression flag");
        assertEquals(0, written[4] | written[5] | written[6] | written[7], "no time stamp");
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertEquals(new String(content, StandardCharsets.ISO_8859_1), new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void theLogrotateSnippetNamesThePrimarysLogEverySecondarysByTheCreateRuleAndReloadsWithTheInstalledCommand() {
        InstanceConfig primary = InstanceConfig.of(Path.of("/etc/store"),
                MainCf.read(InstanceSet.checkout().resolve("etc/main.cf")));

        String snippet = LogrotateSnippet.text(primary);

        assertTrue(snippet.contains("\n/var/spool/store/pid/daemon.log /var/spool/store-*/pid/daemon.log {\n"), snippet);
        assertTrue(snippet.contains("\n\tpostrotate\n\t\t/usr/sbin/storemulti -c /etc/store -p reload >/dev/null 2>&1"
                + " || true\n\tendscript\n}\n"), snippet);
        for (String directive : List.of("missingok", "notifempty", "nocreate", "sharedscripts", "delaycompress")) {
            assertTrue(snippet.contains("\n\t" + directive + "\n"), directive);
        }
    }

    @Test
    void theChangelogNamesTheVersionJdebGivesThePackageAndTheMaintainer() throws IOException {
        Path control = temp.resolve("control");
        Files.writeString(control, "Package: storemulti\nMaintainer: Ann <ann@example.org>\nDescription: x\n");

        String changelog = DebianChangelog.text("1.2.0-SNAPSHOT", control, Instant.parse("2026-12-07T08:09:10Z"));

        assertEquals("storemulti (1.2.0~snapshot) unstable; urgency=medium\n\n"
                + "  * Built from the storemulti source tree; its git log is the change history.\n\n"
                + " -- Ann <ann@example.org>  Mon, 07 Dec 2026 08:09:10 +0000\n", changelog);
        assertEquals("1.2.0", DebianChangelog.debianVersion("1.2.0"));
    }

    @Test
    void aChangelogNeedsTheControlFilesMaintainer() throws IOException {
        Path control = temp.resolve("control");
        Files.writeString(control, "Package: storemulti\n");
        IOException e = assertThrows(IOException.class, () -> DebianChangelog.text("1.0", control, Instant.EPOCH));
        assertTrue(e.getMessage().contains("no Maintainer"), e.getMessage());
    }

    @Test
    void theTourGoesToTheCommandEachBlockRunsMostWithASystemInstallsPaths() throws IOException {
        Path readme = temp.resolve("README.md");
        Files.writeString(readme, "# x\n\n```sh\nbin/storectl -c sandbox/etc/store start\n```\n\n## Tour\n\nConfig:\n\n"
                + "```sh\nbin/storeconf -c sandbox/etc/store -n   # set here\n```\n\nOne:\n\n"
                + "```sh\nA=sandbox/etc/store-a\nbin/storectl -c $A start\nbin/storectl -c $A stop\nbin/storeconf -c $A -n\n```\n\n"
                + "## Commands\n\n```sh\nbin/storeadm help\n```\n");

        TourExamples tour = TourExamples.read(readme);

        assertEquals("----\nstoreconf -c /etc/store -n   # set here\n----\n\n", tour.adoc("storeconf"));
        assertEquals("----\nA=/etc/store-a\nstorectl -c $A start\nstorectl -c $A stop\nstoreconf -c $A -n\n----\n\n",
                tour.adoc("storectl"));
        assertThrows(IllegalStateException.class, () -> tour.adoc("storeadm"), "only the tour's blocks count");
    }

    @Test
    void aTourBlockThatRunsNoCommandIsAnError() throws IOException {
        Path readme = temp.resolve("README.md");
        Files.writeString(readme, "## Tour\n\n```sh\nls -l\n```\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TourExamples.read(readme));
        assertTrue(e.getMessage().contains("runs none of the commands"), e.getMessage());
    }

    @Test
    void completionSeesARepeatableFlagAsAFlagAndKeepsEverythingElse() {
        CommandSpec real = CommandSpec.create().name("x");
        real.addOption(OptionSpec.builder("-v").type(boolean[].class).arity("0").build()); // as picocli reads boolean[] -v
        real.addOption(OptionSpec.builder("-c").paramLabel("dir").type(Path.class).build());
        real.addOption(OptionSpec.builder("--secret").hidden(true).type(boolean.class).build());
        CommandSpec sub = CommandSpec.create().name("sub");
        sub.usageMessage().hidden(true);
        real.addSubcommand("sub", new CommandLine(sub));

        CommandSpec view = Completion.view(real);
        assertEquals(0, Program.STOREMULTI.commandLine().getCommandSpec().findOption("-l").arity().max(),
                "picocli reads storemulti's boolean[] -l as taking no value");

        assertEquals(boolean.class, view.findOption("-v").type());
        assertEquals(0, view.findOption("-v").arity().max());
        assertEquals(Path.class, view.findOption("-c").type());
        assertTrue(view.findOption("--secret").hidden());
        assertTrue(view.subcommands().get("sub").getCommandSpec().usageMessage().hidden());
    }

    @Test
    void theNameLineIsTheDescriptionsFirstClause() {
        assertEquals("Manage many store instances on one host", ManualPages.purpose(Program.STOREMULTI.commandLine().getCommandSpec()));
        assertEquals("Print or edit a store instance's main.cf parameters",
                ManualPages.purpose(Program.STORECONF.commandLine().getCommandSpec()));
    }

    @Test
    void theParameterListHasEveryRegistryParameterAsAnAsciiDocTerm() {
        String adoc = ParameterPage.adoc();
        for (Parameter p : ParameterRegistry.all()) {
            assertTrue(adoc.contains("*" + p.name() + "* (default: "), p.name());
        }
        assertEquals("pass:c[a $b {c} d_e \\] f]", ParameterPage.literal("a $b {c} d_e ] f"));
    }

    @Test
    void storeadmsCommandSectionHasATermForEveryVisibleCommand() {
        String adoc = AdminCommands.adoc(Program.STOREADM.commandLine());
        assertTrue(adoc.contains("\n=== domain\n"), "the domain group");
        assertTrue(adoc.contains("*domain add* _DOMAIN_::\n"), "domain add, without storeadm or --help");
        assertTrue(adoc.contains("(also: domain_add)"), "domain add's seed name");
        assertTrue(adoc.contains("*queue list*"), "storeadm queue's commands");
    }
}
