package org.storemulti.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated unit passes {@code systemd-analyze verify} with no output at all: unknown
 * keys and missing commands only warn, so an empty output is the bar. Runs on a real
 * directory whose {@code command_directory} holds an executable {@code storemulti}, as
 * verify requires of every {@code Exec*=} command. Skipped only where systemd-analyze is
 * not installed (CI installs the {@code systemd} package).
 */
class SystemdAnalyzeVerifyTest {

    private static Path systemdAnalyze;

    @TempDir
    Path root;

    @BeforeAll
    static void findSystemdAnalyze() {
        systemdAnalyze = onPath("systemd-analyze").orElse(null);
        Assumptions.assumeTrue(systemdAnalyze != null, "systemd-analyze is not installed (apt-get install systemd)");
    }

    @Test
    void everyGeneratedUnitAndLinkPassesVerifyWithoutAWord() throws Exception {
        Path out = generate("multi");

        List<Path> units = units(out);
        assertEquals(5, units.size(), units.toString());
        Result result = verify(units);

        assertEquals("", result.output(), "systemd-analyze verify " + units);
        assertEquals(0, result.status());
    }

    @Test
    void theSingleInstanceUnitsPassVerifyWithoutAWord() throws Exception {
        Path out = generate("single");

        Result result = verify(units(out));

        assertEquals("", result.output());
        assertEquals(0, result.status());
    }

    @Test
    void unitsThatRunAsMailOwnerPassVerifyAndVerifyReadsTheirDropIns() throws Exception {
        Path out = generate("multi", "mail");
        assertEquals("", verify(units(out)).output());

        // systemd warns about User=nobody: seeing the warning shows it read the drop-in
        Path primary = root.resolve("etc/store");
        SystemdFixture.set(primary, "mail_owner", "nobody");
        UnitWriter.write(primary, out);
        Result result = verify(List.of(out.resolve("store.service.wants/store@-.service")));
        assertTrue(result.output().contains("Special user nobody configured"), result.output());
    }

    @Test
    void verifyDoesSeeOurUnitsAMissingCommandIsReported() throws Exception {
        Path out = generate("single");
        Files.delete(root.resolve("usr/sbin/storemulti"));

        Result result = verify(List.of(out.resolve("store.service.wants/store@-.service")));

        assertTrue(result.output().contains(root.resolve("usr/sbin/storemulti") + " is not executable"), result.output());
        assertNotEquals(0, result.status());
    }

    private Path generate(String fixture) throws IOException {
        return generate(fixture, "");
    }

    private Path generate(String fixture, String mailOwner) throws IOException {
        Path primary = SystemdFixture.install(fixture, root);
        if (!mailOwner.isEmpty()) {
            SystemdFixture.set(primary, "mail_owner", mailOwner);
        }
        Path storemulti = root.resolve("usr/sbin/storemulti");
        Files.createDirectories(storemulti.getParent());
        Files.writeString(storemulti, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(storemulti, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path out = root.resolve("generator");
        UnitWriter.write(primary, out);
        return out;
    }

    /** store.service, store@.service and every link in store.service.wants/. */
    private static List<Path> units(Path out) throws IOException {
        List<Path> units = new ArrayList<>(List.of(out.resolve("store.service"), out.resolve("store@.service")));
        try (Stream<Path> links = Files.list(out.resolve("store.service.wants"))) {
            links.sorted().forEach(units::add);
        }
        return units;
    }

    private record Result(int status, String output) {
    }

    /**
     * {@code systemd-analyze verify UNITS} with the generator's output directory on the unit
     * path, as systemd has a generator's directory, so it reads the drop-ins there too.
     */
    private Result verify(List<Path> units) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(systemdAnalyze.toString(), "verify"));
        units.forEach(u -> command.add(u.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SYSTEMD_LOG_COLOR", "0");
        builder.environment().put("SYSTEMD_UNIT_PATH", root.resolve("generator") + ":"); // ':' keeps the defaults
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("systemd-analyze verify did not finish in 60 s: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(":"))
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
