package org.storemulti.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.log.JournalStream;

/**
 * Where a real daemon's lines go: {@code start-fg} (what the systemd unit runs) writes
 * standard error, with {@code <N>} priorities only while standard error is the stream
 * {@code $JOURNAL_STREAM} names; a detached daemon writes {@code daemon_log_file} with
 * timestamps and starts a new file at the same path on {@code storectl reload}, as
 * logrotate's postrotate needs.
 */
class DaemonLogDestinationsTest {

    @TempDir
    Path root;

    private TestInstance instance;

    @AfterEach
    void stopLeftovers() {
        if (instance != null) {
            instance.cleanUp();
        }
    }

    @Test
    void underTheJournalEveryLineOfStartFgStartsWithItsSyslogPriority() throws Exception {
        instance = TestInstance.prepared(root);
        Path stderr = root.resolve("stderr");
        Files.createFile(stderr);

        List<String> lines = startFgAndStop(stderr, JournalStream.of(stderr));

        assertTrue(lines.size() >= 3, lines.toString());
        assertTrue(lines.stream().allMatch(l -> l.matches("<[2-7]>store-test/\\w+\\[\\d+\\]: \\w+: .*")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("<6>store-test/daemon\\[\\d+\\]: info: ready: control lmtp .*")),
                lines.toString());
    }

    @Test
    void aJournalStreamOfAnotherDescriptorAddsNoPriorities() throws Exception {
        instance = TestInstance.prepared(root);
        Path stderr = root.resolve("stderr");
        Files.createFile(stderr);
        Path elsewhere = Files.createFile(root.resolve("elsewhere"));

        List<String> lines = startFgAndStop(stderr, JournalStream.of(elsewhere));

        assertTrue(lines.stream().anyMatch(l -> l.matches("store-test/daemon\\[\\d+\\]: info: ready: .*")), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("<")), lines.toString());
    }

    /** Runs {@code storectl start-fg} in a JVM of its own with standard error on {@code stderr}; its lines once stopped. */
    private List<String> startFgAndStop(Path stderr, String journalStream) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreCtl.class.getName(),
                "-c", instance.configDirectory().toString(), "start-fg")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
        builder.environment().put(JournalStream.VARIABLE, journalStream);
        Process daemon = builder.start();
        try {
            instance.awaitServiceRunning("sweep");
            assertEquals(0, instance.storectl("stop").status());
            assertTrue(daemon.waitFor(20, TimeUnit.SECONDS), "start-fg ends when the daemon stops");
            assertEquals(0, daemon.exitValue());
        } finally {
            daemon.destroyForcibly();
        }
        return Files.readAllLines(stderr);
    }

    @Test
    void reloadStartsANewLogFileWhereLogrotateRenamedTheOldOne() throws Exception {
        instance = TestInstance.prepared(root);
        assertEquals(0, instance.storectl("start").status());
        Path log = root.resolve("q/pid/daemon.log");
        Path rotated = root.resolve("q/pid/daemon.log.1");
        Files.move(log, rotated);

        TestInstance.Result reload = instance.storectl("reload");
        assertEquals(0, reload.status(), reload.toString());
        assertEquals(0, instance.storectl("stop").status());

        List<String> fresh = Files.readAllLines(log);
        assertTrue(fresh.get(0).matches(StoreCtlEndToEndTest.LOG_STAMP
                + " store-test/daemon\\[\\d+\\]: info: reloaded: no parameter changed"), fresh.toString());
        assertTrue(fresh.get(fresh.size() - 1).endsWith(": info: stopped"), fresh.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
        String old = Files.readString(rotated);
        assertTrue(old.contains(": info: ready: "), old);
        assertFalse(old.contains("reloaded"), "nothing after the reload goes to the renamed file:\n" + old);
    }

    @Test
    void aBadMainCfAtReloadStillReopensTheLogAndSaysWhyItKeptTheOldConfiguration() throws IOException {
        instance = TestInstance.prepared(root);
        assertEquals(0, instance.storectl("start").status());
        Path log = root.resolve("q/pid/daemon.log");
        Files.move(log, root.resolve("q/pid/daemon.log.1"));
        Files.writeString(instance.mainCf(), "lmtp_timeout = soon\n", java.nio.file.StandardOpenOption.APPEND);

        TestInstance.Result reload = instance.storectl("reload");

        assertEquals(1, reload.status(), reload.toString());
        assertEquals(0, instance.storectl("stop").status());
        String fresh = Files.readString(log);
        assertTrue(fresh.contains(": error: reload refused: " + instance.mainCf() + ":4: lmtp_timeout = soon: "), fresh);
    }
}
