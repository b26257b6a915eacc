package org.storemulti.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ExecStartPost=} readiness wait of {@code store@.service} is one command,
 * {@code storemulti -i NAME -p wait-ready $MAINPID}: the line is taken from a generated unit
 * and turned into an argument vector the way systemd does it (specifiers, quoted words,
 * {@code $MAINPID} substituted as a word of its own, and dropped when unset), then run
 * against a stand-in {@code storemulti} that records its arguments. What {@code wait-ready}
 * does is tested against real daemons in instance-runtime ({@code WaitReadyTest}).
 */
class ReadinessWaitTest {

    @TempDir
    Path root;

    @Test
    void theUnitRunsWaitReadyForItsInstanceWithTheMainPid() throws Exception {
        List<String> words = readinessCommand(Map.of("MAINPID", "4242"));

        assertEquals(0, run(words));
        assertEquals(List.of("-c " + root.resolve("etc/store") + " -i store-a -p wait-ready 4242"),
                Files.readAllLines(root.resolve("calls")));
    }

    @Test
    void withoutAKnownMainPidTheWordIsDroppedAndWaitReadyOnlyHasItsTimeout() throws Exception {
        List<String> words = readinessCommand(Map.of());

        assertEquals(0, run(words));
        assertEquals(List.of("-c " + root.resolve("etc/store") + " -i store-a -p wait-ready"),
                Files.readAllLines(root.resolve("calls")));
    }

    /** Generates the units under {@code root} and returns ExecStartPost= for store@store-a as systemd would run it. */
    private List<String> readinessCommand(Map<String, String> environment) throws IOException {
        Path primary = SystemdFixture.install("multi", root);
        Path storemulti = root.resolve("usr/sbin/storemulti");
        Files.createDirectories(storemulti.getParent());
        Files.writeString(storemulti, "#!/bin/sh\necho \"$*\" >> '" + root.resolve("calls") + "'\n");
        Files.setPosixFilePermissions(storemulti, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path out = root.resolve("generator");
        UnitWriter.write(primary, out);
        String unit = Files.readString(out.resolve("store@.service")).replace("\\\n", " ");
        String line = unit.lines().filter(l -> l.startsWith("ExecStartPost=")).findFirst().orElseThrow();
        return systemdWords(line.substring("ExecStartPost=".length()), "store-a", environment);
    }

    /**
     * What systemd makes of an Exec line: specifiers first ({@code %i}, {@code %%}), then
     * words split on white space with '...' and "..." quoting, then {@code $$} to {@code $}
     * in each word, and a word that is exactly {@code $NAME} replaced by that variable's value
     * (dropped when unset). Enough for our unit (no escapes, no {@code ${VAR}} inside words).
     */
    static List<String> systemdWords(String value, String instance, Map<String, String> environment) {
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
        for (char c : (expanded + " ").toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    addWord(words, word.toString(), environment);
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
        return words;
    }

    private static void addWord(List<String> words, String word, Map<String, String> environment) {
        if (word.matches("\\$[A-Z_]+")) {
            String value = environment.get(word.substring(1));
            if (value != null) {
                words.add(value);
            }
            return;
        }
        words.add(word.replace("$$", "$"));
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the readiness command did not end in 30 s: " + command);
        }
        assertEquals("", output);
        return process.exitValue();
    }
}
