package org.storemulti.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.storemulti.testing.Launchers.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.Store;
import org.storemulti.store.message.Delivery;
import org.storemulti.testing.LaunchedInstance;
import org.storemulti.testing.Launchers.Run;

/** Issue 17 item 4 through the real launchers: a backup killed part way never restores. */
class BackupRestoreIT {

    @TempDir
    Path temp;

    private LaunchedInstance a;

    /** Delivers {@code messages} small messages to joe straight into the store (500 per commit). */
    private void fill(int messages) {
        try (Store store = Store.open(a.path("var/lib/store-a"))) {
            if (store.domains().list("*").isEmpty()) {
                store.domains().add("example.com");
                store.mailboxes().addUser("example.com", "joe");
            }
            List<Delivery> batch = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                batch.add(Delivery.of("example.com", "user/joe/INBOX", ("Subject: " + i + "\r\n\r\nbody\r\n")
                        .getBytes(StandardCharsets.US_ASCII)));
                if (batch.size() == 500) {
                    store.deliver(batch);
                    batch.clear();
                }
            }
            store.deliver(batch);
        }
    }

    private String status() throws Exception {
        return a.ok("storeadm", "", "mailbox", "status", "joe@example.com").out();
    }

    private static List<String> entries(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aBackupKilledPartWayIsRefusedByRestoreAndTheLiveStoreStaysAsItWas() throws Exception {
        a = LaunchedInstance.create(temp, "store-a");
        Path backups = a.path("backups");
        Optional<Path> left = Optional.empty();
        for (int round = 0, messages = 4000; left.isEmpty() && round < 4; round++, messages *= 2) {
            fill(messages);
            left = killBackupPartWay(backups.resolve("round" + round));
        }
        assertTrue(left.isPresent(), "no kill landed while the backup was being written");

        String before = status();
        Path data = a.path("var/lib/store-a");
        List<String> dataBefore = entries(data);
        Run restore = a.run("storeadm", "", "db", "restore", left.get().toString());
        assertEquals(1, restore.exit(), restore.toString());
        assertEquals(1, restore.err().lines().count(), restore.toString());
        assertTrue(restore.err().contains("incomplete backup"), restore.toString());
        assertEquals(before, status(), "the live store is the one it was");
        assertEquals(dataBefore, entries(data), "nothing set aside");
        assertEquals(new Run(0, "", ""), a.run("storeadm", "", "db", "verify"));
    }

    /**
     * Runs {@code db backup TARGET} and kills it (-9) once it has started to write; the
     * directory it left, if it was killed before it finished.
     */
    private Optional<Path> killBackupPartWay(Path target) throws Exception {
        Process backup = launch(a.command("storeadm", "db", "backup", target.toString()), Map.of());
        backup.getOutputStream().close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Optional<Path> writing = Optional.empty();
        while (writing.isEmpty() && backup.isAlive() && System.nanoTime() < deadline) {
            writing = startedBackup(target.getParent());
            Thread.sleep(2);
        }
        backup.destroyForcibly();
        backup.waitFor(30, TimeUnit.SECONDS);
        if (writing.isEmpty() || Files.exists(target.resolve("MANIFEST"))) {
            return Optional.empty(); // finished before the kill: try again with more to copy
        }
        return startedBackup(target.getParent());
    }

    /** A directory under {@code parent} with a store.db and some message files in it. */
    private static Optional<Path> startedBackup(Path parent) throws IOException {
        if (!Files.isDirectory(parent)) {
            return Optional.empty();
        }
        try (Stream<Path> list = Files.list(parent)) {
            for (Path candidate : list.toList()) {
                Path messages = candidate.resolve("messages");
                if (Files.isRegularFile(candidate.resolve("store.db")) && Files.isDirectory(messages)) {
                    try (Stream<Path> buckets = Files.list(messages)) {
                        if (buckets.findAny().isPresent()) {
                            return Optional.of(candidate);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void aCompleteBackupRestoresWithItsCountsAndTheStoreVerifiesClean() throws Exception {
        a = LaunchedInstance.create(temp, "store-a");
        fill(30);
        a.ok("storeadm", "", "db", "backup", a.path("backups/b1").toString());
        fill(5);
        Run restore = a.ok("storeadm", "", "db", "restore", a.path("backups/b1").toString());
        assertTrue(restore.out().contains("restored " + a.path("backups/b1") + ": 30 messages in 30 files"),
                restore.toString());
        assertTrue(status().startsWith("messages=30 "), status());
        assertEquals(new Run(0, "", ""), a.run("storeadm", "", "db", "verify"));
        assertFalse(entries(a.path("var/lib/store-a")).stream().anyMatch(e -> e.startsWith(".restore-")));
    }
}
