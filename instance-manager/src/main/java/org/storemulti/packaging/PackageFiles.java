package org.storemulti.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.storemulti.cli.CommandRunner;
import org.storemulti.cli.VersionProvider;
import org.storemulti.config.InstanceConfig;
import org.storemulti.config.MainCf;
import org.storemulti.config.ParameterRegistry;
import org.storemulti.systemd.UnitWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The build's packaging step: writes under {@code --out} what the distribution and the
 * Debian package ship beside the jars.
 *
 * <pre>
 * share/man/man1/{storemulti,storectl,storeconf,storeadm}.1.gz   (when asciidoctor is installed)
 * share/man/man5/storeconf.5.gz
 * share/bash-completion/completions/{storemulti,storectl,storeconf,storeadm}
 * systemd/{store.service,store@.service}   the units of the default primary (/etc/store)
 * logrotate/storemulti                     /etc/logrotate.d/storemulti: daemon_log_file, reopened by reload
 * doc/changelog.gz                         the Debian package's changelog
 * adoc/                                    the generated AsciiDoc the pages include
 * </pre>
 */
@Command(name = "package-files", description = "Generate man pages, bash completion and systemd units for packaging.")
public final class PackageFiles implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--man-templates", required = true, description = "The page templates (instance-manager/src/man).")
    Path manTemplates;

    @Option(names = "--readme", required = true, description = "README.md, whose tour gives the examples.")
    Path readme;

    @Option(names = "--main-cf", required = true, description = "The primary's main.cf the package installs (etc/main.cf).")
    Path mainCf;

    @Option(names = "--unit-templates", required = true, description = "The unit templates (templates/systemd).")
    Path unitTemplates;

    @Option(names = "--debian-control", required = true, description = "The Debian control file (its Maintainer signs the changelog).")
    Path debianControl;

    public static void main(String[] args) {
        CommandRunner.main("package-files", new PackageFiles(), args);
    }

    @Override
    public Integer call() throws Exception {
        manPages();
        completions();
        units();
        logrotate();
        changelog();
        return 0;
    }

    private void manPages() throws IOException, InterruptedException {
        Path generated = out.resolve("adoc");
        ManualPages.write(generated, readme);
        Optional<Path> asciidoctor = Asciidoctor.find();
        if (asciidoctor.isPresent()) {
            Asciidoctor.render(asciidoctor.get(), manTemplates, generated, VersionProvider.version(), out.resolve("share/man"));
        } else {
            System.err.println("package-files: warning: " + Asciidoctor.PROGRAM + " is not installed (apt-get install "
                    + Asciidoctor.PROGRAM + "): no man pages in this build; their AsciiDoc is in " + generated);
        }
    }

    private void completions() throws IOException {
        Path completions = Files.createDirectories(out.resolve("share/bash-completion/completions"));
        for (Program program : Program.values()) {
            Files.writeString(completions.resolve(program.command()), Completion.script(program), StandardCharsets.UTF_8);
        }
    }

    /** The primary the package installs: its main.cf, in /etc/store. */
    private InstanceConfig packagedPrimary() {
        return InstanceConfig.of(Path.of(ParameterRegistry.DEFAULT_CONFIG_DIRECTORY), MainCf.read(mainCf));
    }

    /** The units for the primary the package installs. */
    private void units() throws IOException {
        Path units = Files.createDirectories(out.resolve("systemd"));
        InstanceConfig primary = packagedPrimary();
        for (Map.Entry<String, String> unit : UnitWriter.units(primary, unitTemplates).entrySet()) {
            Files.writeString(units.resolve(unit.getKey()), unit.getValue(), StandardCharsets.UTF_8);
        }
    }

    private void logrotate() throws IOException {
        Path directory = Files.createDirectories(out.resolve("logrotate"));
        Files.writeString(directory.resolve("storemulti"), LogrotateSnippet.text(packagedPrimary()),
                StandardCharsets.UTF_8);
    }

    private void changelog() throws IOException {
        Path doc = Files.createDirectories(out.resolve("doc"));
        GzipFile.write(DebianChangelog.text(VersionProvider.version(), debianControl, buildTime())
                .getBytes(StandardCharsets.UTF_8), doc.resolve("changelog.gz"));
    }

    /** SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
    private static Instant buildTime() {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        return epoch == null || epoch.isBlank() ? Instant.now() : Instant.ofEpochSecond(Long.parseLong(epoch.strip()));
    }
}
