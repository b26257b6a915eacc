package org.storemulti.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemulti.testing.FileSystemsUnderTest;

/** {@code $JOURNAL_STREAM} is believed only for the stream whose device and inode it names. */
class JournalStreamTest {

    @TempDir
    static Path realTemp;

    static Stream<Arguments> fileSystems() {
        return FileSystemsUnderTest.both(realTemp);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void theStreamTheVariableNamesIsConnectedAndNoOtherIs(String fileSystem, Path directory) throws IOException {
        Path journal = Files.createFile(directory.resolve("journal"));
        Path other = Files.createFile(directory.resolve("other"));
        String value = JournalStream.of(journal);

        assertTrue(value.matches("\\d+:\\d+"), value);
        assertTrue(JournalStream.connected(value, journal));
        assertFalse(JournalStream.connected(value, other), "a stream redirected elsewhere keeps the variable, not the journal");
        assertFalse(JournalStream.connected(value, directory.resolve("gone")));
    }

    @Test
    void anUnsetOrMalformedVariableMeansNoJournal() throws IOException {
        Path file = Files.createFile(realTemp.resolve("stream"));
        for (String value : new String[] {null, "", "12", "a:b", "1:2:3", " 1:2", "99999999999999999999999:1"}) {
            assertFalse(JournalStream.connected(value, file), String.valueOf(value));
        }
    }

    @Test
    void theProcessStandardErrorIsExaminedThroughProc() throws IOException {
        assertEquals(JournalStream.of(LogSink.STDERR), JournalStream.of(LogSink.STDERR),
                "/proc/self/fd/2 can be examined, whatever it is connected to");
    }

    @Test
    void aJournalStreamSinkPrefixesEachLineWithItsPriorityAndAPlainOneDoesNot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        DaemonLog journal = new DaemonLog(() -> "store-a", "lmtp", 7, LogSink.stream(out, true), true);
        journal.debug("d");
        journal.info("i");
        journal.warning("w");
        journal.error("e");
        journal.log(DaemonLog.Level.FATAL, "f");
        new DaemonLog(() -> "store-a", "lmtp", 7, LogSink.stream(out, false), false).info("plain");

        assertEquals("<7>store-a/lmtp[7]: debug: d\n<6>store-a/lmtp[7]: info: i\n<4>store-a/lmtp[7]: warning: w\n"
                + "<3>store-a/lmtp[7]: error: e\n<2>store-a/lmtp[7]: fatal: f\nstore-a/lmtp[7]: info: plain\n",
                bytes.toString(StandardCharsets.UTF_8));
    }
}
