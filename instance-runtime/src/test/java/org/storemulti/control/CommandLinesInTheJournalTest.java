package org.storemulti.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.admin.StoreAdm;
import org.storemulti.cli.StoreConf;
import org.storemulti.log.JournalStream;
import org.storemulti.testing.OwnJvm;

/**
 * The commands' own diagnostics, run as a unit runs them (a JVM of their own, standard error
 * a file that {@code $JOURNAL_STREAM} names or not): under the journal each line starts with
 * its level's priority, elsewhere it is exactly the plain line.
 */
class CommandLinesInTheJournalTest {

    @TempDir
    Path root;

    @Test
    void storectlFatalAndUsageLinesCarryTheFatalPriorityUnderTheJournalOnly() throws Exception {
        Path missing = root.resolve("missing");
        String[] fatal = {"-c", missing.toString(), "status"};
        String[] usage = {"--frobnicate", "status"};

        List<String> journal = run(true, 1, StoreCtl.class, fatal);
        journal.addAll(run(true, 2, StoreCtl.class, usage));
        List<String> plain = run(false, 1, StoreCtl.class, fatal);
        plain.addAll(run(false, 2, StoreCtl.class, usage));

        assertEquals(2, journal.size(), journal.toString());
        assertTrue(journal.get(0).startsWith("<2>storectl: fatal: ") && journal.get(0).contains(missing.toString()),
                journal.toString());
        assertTrue(journal.get(1).startsWith("<2>storectl: usage: "), journal.toString());
        assertEquals(journal.stream().map(l -> l.substring(3)).toList(), plain, "a plain stream gets the same lines, bare");
    }

    @Test
    void storeconfWarningsCarryTheWarningPriorityUnderTheJournalOnly() throws Exception {
        TestInstance instance = TestInstance.create(root);
        String[] args = {"-c", instance.configDirectory().toString(), "nosuch_parameter"};

        assertEquals(List.of("<4>storeconf: warning: nosuch_parameter: unknown parameter"), run(true, 0, StoreConf.class, args));
        assertEquals(List.of("storeconf: warning: nosuch_parameter: unknown parameter"), run(false, 0, StoreConf.class, args));
    }

    @Test
    void storeadmUsageLinesCarryTheFatalPriorityUnderTheJournalOnly() throws Exception {
        List<String> plain = run(false, 2, StoreAdm.class, "--frobnicate");

        assertEquals(1, plain.size(), plain.toString());
        assertTrue(plain.get(0).startsWith("storeadm: usage: "), plain.toString());
        assertEquals(List.of("<2>" + plain.get(0)), run(true, 2, StoreAdm.class, "--frobnicate"));
    }

    /**
     * Runs {@code main} with standard error appended to a fresh file and {@code $JOURNAL_STREAM}
     * naming that file ({@code journal}) or another; its lines, once it exited with {@code status}.
     */
    private List<String> run(boolean journal, int status, Class<?> main, String... args)
            throws IOException, InterruptedException {
        Path stderr = Files.createTempFile(root, "stderr", "");
        Path named = journal ? stderr : Files.createTempFile(root, "elsewhere", "");
        int exit = OwnJvm.run(Map.of(JournalStream.VARIABLE, JournalStream.of(named)), stderr, main, args);
        assertEquals(status, exit, Files.readString(stderr));
        return new ArrayList<>(Files.readAllLines(stderr));
    }
}
