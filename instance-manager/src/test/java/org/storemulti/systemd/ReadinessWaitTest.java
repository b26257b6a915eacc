package org.storemulti.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ExecStartPost=} readiness wait of {@code store@.service} really waits, and
 * within bounds. The line is taken from a generated unit and turned into an argument vector
 * the way systemd does it (joined continuation lines, {@code %i} and {@code %%} specifiers,
 * quoted words, {@code $$}), then run with {@code MAINPID} set, against a stand-in
 * {@code storemulti} whose {@code -p status} answers as each test needs.
 */
class ReadinessWaitTest {

    @TempDir
    Path root;

    private Process mainProcess;

    @AfterEach
    void stopMainProcess() {
        if (mainProcess != null) {
            mainProcess.destroyForcibly();
        }
    }

    @Test
    void waitsUntilStatusReportsTheInstanceRunning() throws Exception {
        List<String> waitCommand = readinessCommand("notReadyTwice", "30s");

        Run run = run(waitCommand, liveMainPid());

        assertEquals(0, run.status(), run.stderr());
        List<String> calls = Files.readAllLines(root.resolve("calls"));
        assertEquals(3, calls.size(), calls.toString());
        assertEquals("-c " + root.resolve("etc/store") + " -i store-a -p status", calls.get(0));
    }

    @Test
    void givesUpAfterDaemonStartTimeoutWithOneLineNamingTheInstance() throws Exception {
        List<String> waitCommand = readinessCommand("neverReady", "1s");

        Run run = run(waitCommand, liveMainPid());

        assertEquals(1, run.status());
        assertEquals("store@store-a: not ready after 1 s\n", run.stderr());
        assertTrue(run.millis() < 10_000, run.millis() + " ms");
    }

    @Test
    void stopsWaitingWhenTheMainProcessHasExitedSoItsExitStatusDecides() throws Exception {
        List<String> waitCommand = readinessCommand("neverReady", "30s");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();

        Run run = run(waitCommand, gone.pid());

        assertEquals(0, run.status(), run.stderr());
        assertTrue(run.millis() < 10_000, run.millis() + " ms");
    }

    /** Generates the units under {@code root} and returns ExecStartPost= for store@store-a. */
    private List<String> readinessCommand(String behaviour, String startTimeout) throws IOException {
        Path primary = SystemdFixture.install("multi", root);
        SystemdFixture.set(primary, "daemon_start_timeout", startTimeout);
        Path storemulti = root.resolve("usr/sbin/storemulti");
        Files.createDirectories(storemulti.getParent());
        String calls = root.resolve("calls").toString();
        Files.writeString(storemulti, "#!/bin/sh\n"
                + "echo \"$*\" >> '" + calls + "'\n"
                + (behaviour.equals("notReadyTwice") ? "[ $(wc -l < '" + calls + "') -ge 3 ]\n" : "exit 1\n"));
        Files.setPosixFilePermissions(storemulti, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path out = root.resolve("generator");
        UnitWriter.write(primary, out);
        String unit = Files.readString(out.resolve("store@.service")).replace("\\\n", " ");
        String line = unit.lines().filter(l -> l.startsWith("ExecStartPost=")).findFirst().orElseThrow();
        return systemdWords(line.substring("ExecStartPost=".length()), "store-a");
    }

    /**
     * What systemd makes of an Exec line: specifiers first ({@code %i}, {@code %%}), then
     * words split on white space with '...' and "..." quoting, then {@code $$} to {@code $}
     * in each word. Enough for our unit (no escapes, no {@code ${VAR}}).
     */
    static List<String> systemdWords(String value, String instance) {
        StringBuilder expanded = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                char s = value.charAt(++i);
                expanded.append(switch (s) {
                    case '%' -> "%";
                    case 'i' -> instance;
                    default -> throw new IllegalArgumentException("specifier %" + s + " not emulated");
                });
            } else {
                expanded.append(c);
            }
        }
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : expanded.toString().toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString().replace("$$", "$"));
                    word = null;
                }
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                if (c == '\'' || c == '"') {
                    quote = c;
                } else {
                    word.append(c);
                }
            }
        }
        if (word != null) {
            words.add(word.toString().replace("$$", "$"));
        }
        return words;
    }

    private long liveMainPid() throws IOException {
        mainProcess = new ProcessBuilder("sleep", "60").start();
        return mainProcess.pid();
    }

    private record Run(int status, String stderr, long millis) {
    }

    private static Run run(List<String> command, long mainPid) throws IOException, InterruptedException {
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("MAINPID", Long.toString(mainPid));
        Process process = builder.start();
        process.getOutputStream().close();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the readiness wait did not end in 30 s: " + command);
        }
        return new Run(process.exitValue(), stderr, (System.nanoTime() - started) / 1_000_000);
    }
}
