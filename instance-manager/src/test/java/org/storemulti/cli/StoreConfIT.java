package org.storemulti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code bin/storeconf} launcher, as an operator runs it. */
class StoreConfIT {

    private static final Path CHECKOUT = Path.of(System.getProperty("storemulti.checkout", "..")).toAbsolutePath().normalize();

    record Run(int status, String out, String err) {
    }

    static Run storeconf(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHECKOUT.resolve("bin/storeconf").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out, err);
    }

    @Test
    void printsExplicitParametersOfAFixtureAsPostconfDoes() throws Exception {
        Path dir = CHECKOUT.resolve("test-fixtures/config/postconf-agrees");
        String expected = Files.readString(dir.resolve("expected-xn.txt")).replace("@CONFIG_DIRECTORY@", dir.toString());
        assertEquals(new Run(0, expected, ""), storeconf("-c", dir.toString(), "-xn"));
    }

    @Test
    void versionAndUsageErrorsFollowTheExitCodeRules() throws Exception {
        Run version = storeconf("--version");
        assertEquals(0, version.status());
        assertTrue(version.out().startsWith("storeconf "), version.out());
        Run usage = storeconf("-Z");
        assertEquals(new Run(2, "", "storeconf: usage: Unknown option: '-Z' (see storeconf --help)\n"), usage);
    }

    @Test
    void concurrentProcessesEditingOneFileKeepEveryEdit(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.cf"), "# operator's comment\n");
        int processes = 4;
        int editsEach = 5;
        List<Process> running = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            StringBuilder script = new StringBuilder();
            for (int i = 0; i < editsEach; i++) {
                script.append(CHECKOUT.resolve("bin/storeconf")).append(" -c ").append(dir)
                        .append(" -e p").append(p).append("_").append(i).append("=").append(i).append(" || exit 1\n");
            }
            running.add(new ProcessBuilder("sh", "-c", script.toString()).inheritIO().start());
        }
        for (Process p : running) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        }
        String text = Files.readString(dir.resolve("main.cf"));
        assertTrue(text.startsWith("# operator's comment\n"), text);
        for (int p = 0; p < processes; p++) {
            for (int i = 0; i < editsEach; i++) {
                assertTrue(text.contains("\np" + p + "_" + i + " = " + i + "\n"), text);
            }
        }
        assertEquals(1 + processes * editsEach, text.lines().count());
    }
}
