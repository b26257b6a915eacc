package org.storemulti.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.admin.Instance.Result;
import org.storemulti.store.Store;
import org.storemulti.store.message.Delivery;
import org.storemulti.store.message.DeliveryResult;

/** storeadm db ... and reconstruct on a real store, under their readable and seed names. */
class DbToolsTest {

    @TempDir
    Path root;
    Instance instance;

    @BeforeEach
    void createInstance() {
        instance = new Instance(root);
        instance.ok("domain_add", "example.com");
        instance.ok("-d", "example.com", "mbox_user_add", "joe");
    }

    private void deliver(int count) {
        try (Store store = instance.open()) {
            for (int i = 0; i < count; i++) {
                store.deliver(List.of(Delivery.of("example.com", "user/joe/INBOX", ("message " + i).getBytes())));
            }
        }
    }

    @Test
    void backupWhileDeliveringThenRestoreIntoAFreshInstanceKeepsEveryAcknowledgedMessage() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Long> acknowledged = new ArrayList<>();
        Thread writer;
        String backup;
        int before;
        try (Store store = instance.open()) {
            writer = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    DeliveryResult r = store.deliver(List.of(Delivery.of("example.com", "user/joe/INBOX",
                            ("during backup " + i).getBytes()))).get(0);
                    if (r instanceof DeliveryResult.Stored stored) {
                        synchronized (acknowledged) {
                            acknowledged.add(stored.uid());
                        }
                    }
                }
            });
            writer.start();
            before = awaitAtLeast(acknowledged, 20);
            backup = instance.ok("db", "backup").split(" ")[0];
            stop.set(true);
            writer.join();
        }
        assertTrue(backup.contains("/backup/STORE_Backup_"), backup);
        Instance fresh = new Instance(root.resolve("fresh"));
        Result restored = fresh.run("msdb_restore", backup);
        assertEquals(0, restored.status(), restored.toString());
        assertTrue(restored.out().matches("restored " + java.util.regex.Pattern.quote(backup)
                + ": \\d+ messages in \\d+ files\n"), restored.out());
        assertEquals("", fresh.ok("msdb_test"));
        String status = fresh.ok("mailbox", "status", "joe@example.com");
        long inBackup = Long.parseLong(status.replaceAll(".*messages=(\\d+).*\\s*", "$1"));
        assertTrue(before > 0 && inBackup >= before && inBackup <= acknowledged.size(),
                status + ": " + before + " acknowledged before the backup, " + acknowledged.size() + " in all");
    }

    @Test
    void verifyFindsAMissingMessageFileAndRecoverRepairsIt() throws Exception {
        deliver(2);
        try (var files = Files.walk(instance.dataDirectory.resolve("messages"))) {
            Files.delete(files.filter(Files::isRegularFile).findFirst().orElseThrow());
        }
        Result verify = instance.run("db", "verify");
        assertEquals(1, verify.status());
        assertTrue(verify.out().startsWith("missing-file "), verify.out());
        Result recover = instance.run("msdb_recover", "-v");
        assertEquals(0, recover.status(), recover.toString());
        assertTrue(recover.out().contains("(repaired)"), recover.out());
        assertEquals("", instance.ok("db", "test"));
        assertTrue(instance.ok("msdb_test", "-v").endsWith("0 problems\n"));
    }

    @Test
    void checkpointOnceAndItsOptionRules() {
        deliver(1);
        assertTrue(instance.ok("msdb_checkpoint", "-1", "-v").contains(" checkpoint: "));
        assertEquals(2, instance.run("db", "checkpoint").status());
        assertEquals(2, instance.run("db", "checkpoint", "-1", "-d").status());
        Result daemon = instance.run("db", "checkpoint", "-d", "-p", "5");
        assertEquals(1, daemon.status());
        assertTrue(daemon.err().contains("storeadm does not daemonize"), daemon.err());
    }

    @Test
    void archiveListsTheDatabaseAndEveryMessageFile() {
        deliver(2);
        List<String> relative = instance.ok("msdb_archive", "-s").lines().toList();
        assertEquals("store.db", relative.get(0));
        assertEquals(3, relative.size(), relative.toString());
        assertTrue(relative.get(1).startsWith("messages/"));
        assertTrue(instance.ok("db", "archive", "-a").startsWith(instance.dataDirectory.toAbsolutePath() + "/"));
    }

    @Test
    void theSeedsDashFNamesTheConfigurationOfATool() throws Exception {
        Path mainCf = instance.configDirectory.resolve("main.cf");
        assertEquals(new Result(0, "", ""), Instance.raw("msdb_test", "-f", mainCf.toString()));
        assertEquals(new Result(0, "", ""), Instance.raw("db", "verify", "-f", instance.configDirectory.toString()));
        Path data = Files.writeString(root.resolve("users.txt"), "joe@example.com\n");
        Result r = Instance.raw("msadm_bulkdel", "-f", root.resolve("elsewhere").toString(), data.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("storeadm: fatal: open " + root.resolve("elsewhere")), r.err());
    }

    @Test
    void upgradeReportsTheSchemaVersion() {
        assertTrue(instance.ok("msdb_upgrade").matches("schema version \\d+\n"));
    }

    @Test
    void reconstructRebuildsADroppedIndexRowFromItsFile() {
        deliver(1);
        assertEquals("example.com user/joe/INBOX kept=1 added=0 removed=0\n",
                instance.ok("reconstruct", "-u", "joe", "example.com", "INBOX"));
        assertEquals("example.com user/joe/INBOX kept=1 added=0 removed=0\n",
                instance.ok("reconstruct", "-r", "example.com"));
        assertEquals("example.com user/joe/INBOX kept=1 added=0 removed=0\n",
                instance.ok("reconstruct", "-r", "example.com", "user/joe"));
        Result none = instance.run("reconstruct", "example.com");
        assertEquals("storeadm: fatal: reconstruct: give a mailbox, -u USER, or -r for the whole domain\n", none.err());
        assertEquals("storeadm: fatal: no such mailbox: example.com shared/admin\n",
                instance.run("reconstruct", "example.com", "admin").err());
    }

    /** Polls until {@code list} holds {@code wanted} entries (within 30 s); returns its size then. */
    private static int awaitAtLeast(List<Long> list, int wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            synchronized (list) {
                if (list.size() >= wanted) {
                    return list.size();
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("fewer than " + wanted + " deliveries acknowledged within 30 s");
    }
}
