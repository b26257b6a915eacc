package org.storemulti.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.Store;
import org.storemulti.store.message.Delivery;
import org.storemulti.testing.Launchers;
import org.storemulti.testing.ProcessRun;

/**
 * The progress line of long storeadm commands, through the real launcher: drawn when standard
 * error is a terminal (a real pseudo-terminal, from {@code script}), whatever standard input
 * and output are; never drawn when standard error is a file, even with standard input and
 * output on a terminal (what {@code System.console()} looks at); the command's own output is
 * the same either way.
 */
class ProgressLineIT {

    @TempDir
    Path root;

    private Path config;

    @BeforeEach
    void instance() throws Exception {
        config = Files.createDirectories(root.resolve("etc"));
        Files.writeString(config.resolve("main.cf"), "queue_directory = " + root.resolve("q") + "\n"
                + "data_directory = " + root.resolve("d") + "\ndefault_domain = example.com\n");
        ok("domain", "add", "example.com");
        ok("-d", "example.com", "mailbox", "user-add", "joe");
        try (Store store = Store.open(root.resolve("d"))) {
            for (int i = 0; i < 3; i++) {
                store.deliver(List.of(Delivery.of("example.com", "user/joe/INBOX", ("Subject: " + i + "\r\n\r\nx\r\n").getBytes())));
            }
        }
        Files.writeString(root.resolve("users.txt"), "example.com:ann:secret:::\nexample.com:bob:secret:::\n");
    }

    private void ok(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-c", config.toString()));
        all.addAll(List.of(args));
        Launchers.Run run = Launchers.exec(Launchers.command("storeadm", all.toArray(String[]::new)));
        assertEquals(0, run.exit(), run.toString());
    }

    /** {@code storeadm -c CONFIG ARGS REDIRECTION} run by {@code script} on a new pseudo-terminal; what the terminal showed. */
    private ProcessRun onTerminal(String redirection, String... args) {
        assumeTrue(ProcessRun.onPath("script").isPresent(), "script is not installed (apt-get install bsdutils)");
        StringBuilder command = new StringBuilder("'" + Launchers.command("storeadm").get(0) + "' -c '" + config + "'");
        for (String arg : args) {
            command.append(" '").append(arg).append("'");
        }
        command.append(' ').append(redirection);
        return ProcessRun.run(List.of("script", "-qec", command.toString(), "/dev/null"), Map.of(),
                java.time.Duration.ofSeconds(60));
    }

    @Test
    void aTerminalOnStandardErrorAloneGetsTheProgressLineAndItsSummary() throws IOException {
        Path out = root.resolve("out.txt");

        ProcessRun backup = onTerminal("> '" + out + "'", "db", "backup", root.resolve("b1").toString());
        ProcessRun verify = onTerminal(">> '" + out + "'", "db", "verify");

        assertEquals(0, backup.exit(), backup.out());
        assertTrue(backup.out().contains("\rdb backup: 3/3 message files in "), backup.out());
        assertTrue(verify.out().contains("\rdb verify: "), verify.out());
        assertTrue(verify.out().contains(" files on disk in "), verify.out());
        String printed = Files.readString(out);
        assertTrue(printed.startsWith(root.resolve("b1") + " linked=3 copied=0 "), printed);
        assertFalse(printed.contains("\r"), "the progress stays on standard error: " + printed);
    }

    @Test
    void standardErrorInAFileGetsNoProgressEvenWithTheTerminalOnStandardInputAndOutput() throws IOException {
        Path err = root.resolve("err.txt");

        ProcessRun bulk = onTerminal("2> '" + err + "'", "bulkadd", root.resolve("users.txt").toString());
        ProcessRun backup = onTerminal("2>> '" + err + "'", "db", "backup", root.resolve("b2").toString());

        assertEquals(0, bulk.exit(), bulk.out());
        assertTrue(bulk.out().contains("bulkadd: 2 lines read"), "the summary is the command's output: " + bulk.out());
        assertTrue(backup.out().contains(root.resolve("b2") + " linked=3"), backup.out());
        assertEquals("", Files.readString(err), "no progress line where standard error is a file");
    }

    @Test
    void withoutATerminalTheCommandsPrintOnlyTheirResults() throws Exception {
        Launchers.Run verify = Launchers.exec(Launchers.command("storeadm", "-c", config.toString(), "db", "verify"));
        assertEquals(new Launchers.Run(0, "", "").toString(), verify.toString());
        Launchers.Run reconstruct = Launchers.exec(Launchers.command("storeadm", "-c", config.toString(), "reconstruct",
                "-r", "example.com"));
        assertEquals(0, reconstruct.exit(), reconstruct.toString());
        assertEquals("", reconstruct.err());
        assertEquals("example.com user/joe/INBOX kept=3 added=0 removed=0\n", reconstruct.out());
    }
}
