package org.storemulti.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code templates/systemd/store-generator} follows the systemd generator protocol: it is
 * run as {@code store-generator NORMAL EARLY LATE} and writes into NORMAL only. Its
 * {@code storemulti} here is a stand-in that calls {@link UnitWriter} in a fresh JVM, as the
 * real {@code storemulti --systemd-units} will.
 */
class StoreGeneratorScriptTest {

    private static final Path SCRIPT = SystemdFixture.checkout().resolve("templates/systemd/store-generator");

    @TempDir
    Path root;

    @Test
    void writesTheUnitsForTheEnabledInstancesIntoTheNormalDirectoryAndStartsStoreAtBoot() throws Exception {
        Path primary = SystemdFixture.install("multi", root);
        Path normal = root.resolve("run/systemd/generator");

        Run run = generate(primary, standIn(), normal);

        assertEquals(0, run.status(), run.stderr());
        assertEquals(List.of("store@-.service", "store@store-a.service", "store@store-c.service"),
                entries(normal.resolve("store.service.wants")));
        assertEquals("../store.service",
                Files.readSymbolicLink(normal.resolve("multi-user.target.wants/store.service")).toString());
        assertTrue(run.stderr().contains("storemulti: warning: " + root.resolve("etc/store-nameless/main.cf")
                + ": multi_instance_name is empty"), run.stderr());
        assertFalse(Files.exists(root.resolve("run/systemd/generator.early")));
    }

    @Test
    void passesThePrimaryAndTheNormalDirectoryToStoremulti() throws Exception {
        Path primary = SystemdFixture.install("single", root);
        Path recorder = script("recorder", "echo \"$*\" > '" + root.resolve("args") + "'\n"
                + "mkdir -p \"$4\" && : > \"$4/store.service\"\n");
        Path normal = root.resolve("normal");

        Run run = generate(primary, recorder, normal);

        assertEquals(0, run.status(), run.stderr());
        assertEquals(List.of("-c " + primary + " --systemd-units " + normal), Files.readAllLines(root.resolve("args")));
    }

    @Test
    void withoutAPrimaryMainCfItWritesNothingAndSucceeds() throws Exception {
        Path recorder = script("recorder", "echo called > '" + root.resolve("args") + "'\n");
        Path normal = Files.createDirectories(root.resolve("normal"));

        Run run = generate(root.resolve("etc/store"), recorder, normal);

        assertEquals(0, run.status(), run.stderr());
        assertEquals(List.of(), entries(normal));
        assertFalse(Files.exists(root.resolve("args")));
    }

    @Test
    void whenStoremultiFailsTheGeneratorFailsAndDoesNotStartStoreAtBoot() throws Exception {
        Path primary = SystemdFixture.install("single", root);
        Path failing = script("failing", "echo 'storemulti: fatal: broken' >&2; exit 1\n");
        Path normal = Files.createDirectories(root.resolve("normal"));

        Run run = generate(primary, failing, normal);

        assertNotEquals(0, run.status());
        assertEquals("storemulti: fatal: broken\n", run.stderr());
        assertEquals(List.of(), entries(normal));
    }

    /** A storemulti that runs {@link SystemdUnitsStandIn} on this test's class path. */
    private Path standIn() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return script("storemulti", "exec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + SystemdUnitsStandIn.class.getName() + " \"$@\"\n");
    }

    private Path script(String name, String body) throws IOException {
        Path script = root.resolve("bin").resolve(name);
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private record Run(int status, String stderr) {
    }

    private static Run generate(Path primary, Path storemulti, Path normal) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString(), normal.toString(),
                normal + ".early", normal + ".late"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", "/usr/bin:/bin",
                "STORE_CONFIG", primary.toString(), "STOREMULTI", storemulti.toString()));
        Process process = builder.start();
        process.getOutputStream().close();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("store-generator did not end in 60 s");
        }
        return new Run(process.exitValue(), stderr);
    }

    private static List<String> entries(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
