package org.storemulti.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.log.JournalStream;
import org.storemulti.testing.OwnJvm;

/**
 * storemulti's own diagnostics, run as the units run it (a JVM of its own, standard error a
 * file that {@code $JOURNAL_STREAM} names or not): under the journal a fatal line starts with
 * {@code <2>}, elsewhere it is exactly the plain line.
 */
class CommandLinesInTheJournalTest {

    @TempDir
    Path root;

    @Test
    void storemultiFatalLinesCarryTheFatalPriorityUnderTheJournalOnly() throws Exception {
        Path missing = root.resolve("missing");

        List<String> journal = storemulti(true, 1, "-c", missing.toString(), "-i", "store-a", "-p", "status");
        List<String> plain = storemulti(false, 1, "-c", missing.toString(), "-i", "store-a", "-p", "status");

        assertEquals(1, journal.size(), journal.toString());
        assertTrue(journal.get(0).startsWith("<2>storemulti: fatal: ") && journal.get(0).contains(missing.toString()),
                journal.toString());
        assertEquals(List.of(journal.get(0).substring("<2>".length())), plain, "a plain stream gets the same line, bare");
    }

    @Test
    void storemultiUsageLinesCarryTheFatalPriorityUnderTheJournalOnly() throws Exception {
        List<String> plain = storemulti(false, 2, "--frobnicate");

        assertEquals(1, plain.size(), plain.toString());
        assertTrue(plain.get(0).startsWith("storemulti: usage: "), plain.toString());
        assertEquals(List.of("<2>" + plain.get(0)), storemulti(true, 2, "--frobnicate"));
    }

    /**
     * Runs storemulti with standard error appended to a fresh file and {@code $JOURNAL_STREAM}
     * naming that file ({@code journal}) or another; its lines, once it exited with {@code status}.
     */
    private List<String> storemulti(boolean journal, int status, String... args) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile(root, "stderr", "");
        Path named = journal ? stderr : Files.createTempFile(root, "elsewhere", "");
        int exit = OwnJvm.run(Map.of(JournalStream.VARIABLE, JournalStream.of(named)), stderr, StoreMulti.class, args);
        assertEquals(status, exit, Files.readString(stderr));
        return Files.readAllLines(stderr);
    }
}
