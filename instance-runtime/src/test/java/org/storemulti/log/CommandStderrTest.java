package org.storemulti.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A command's lines on standard error reach the journal at the level their tag names, through
 * the daemon's own journal sink; the writer exists only while standard error is the journal.
 */
class CommandStderrTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            storectl: fatal: /etc/store-a/main.cf:4: lmtp_timeout = soon: not a time | FATAL
            storectl: usage: Unknown option: -q (see storectl --help)                 | FATAL
            storeconf: error: /etc/store-a/main.cf:2: bad value                     | ERROR
            storeconf: warning: nosuch: unknown parameter                           | WARNING
            store-a: storectl: warning: control socket does not answer               | WARNING
            store-a: store-a/daemon[12]: error: reload refused: x: fatal: y          | ERROR
            storemulti: info: store-a: started                                       | INFO
            store-a: running (pid 812)                                               | INFO
            instance store-a: fatal: words before the tags are not tags              | INFO
            """)
    void eachLineIsAtTheLevelItsFirstTagNames(String line, DaemonLog.Level level) {
        assertEquals(level, CommandStderr.level(line, DaemonLog.Level.WARNING));
    }

    @Test
    void aStackTraceLineKeepsTheLevelOfTheLineBeforeIt() {
        assertEquals(DaemonLog.Level.FATAL, CommandStderr.level("\tat org.storemulti.X.y(X.java:1)", DaemonLog.Level.FATAL));
        assertEquals(DaemonLog.Level.FATAL, CommandStderr.level("Caused by: java.io.IOException: gone", DaemonLog.Level.FATAL));
        assertEquals(DaemonLog.Level.INFO, CommandStderr.level("plain", DaemonLog.Level.FATAL));
    }

    @Test
    void linesGoOutWholeWithTheirPrioritiesHoweverTheyAreWritten() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream journal = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(new CommandStderr(LogSink.stream(journal, true)), true);

        err.print("storectl: war");
        err.print("ning: split ");
        err.println("in three");
        err.println("storectl: fatal: gone\n\tat X.y(X.java:1)");
        err.println("storeadm: error: ünïcode");
        err.print("no end");
        err.flush();

        assertEquals("<4>storectl: warning: split in three\n<2>storectl: fatal: gone\n<2>\tat X.y(X.java:1)\n"
                + "<3>storeadm: error: ünïcode\n<6>no end\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCommandGetsTheJournalWriterOnlyWhileStandardErrorIsTheJournal(@TempDir Path temp) throws IOException {
        Map<String, String> environment = new HashMap<>();
        assertTrue(CommandStderr.journal(environment).isEmpty(), "no JOURNAL_STREAM: a terminal or a pipe");
        environment.put(JournalStream.VARIABLE, JournalStream.of(Files.createFile(temp.resolve("elsewhere"))));
        assertTrue(CommandStderr.journal(environment).isEmpty(), "JOURNAL_STREAM of another file: redirected");
        environment.put(JournalStream.VARIABLE, JournalStream.of(LogSink.STDERR));
        assertTrue(CommandStderr.journal(environment).isPresent(), "JOURNAL_STREAM of standard error itself");
    }
}
