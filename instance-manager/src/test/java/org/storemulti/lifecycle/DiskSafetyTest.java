package org.storemulti.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.testing.InstanceSet;

/** Life-cycle rules that need a real file system: OS locks, symbolic links, permissions, threads. */
class DiskSafetyTest {

    @TempDir
    Path temp;

    private InstanceSet initialized() {
        InstanceSet set = InstanceSet.on(temp);
        set.ok("-e", "init");
        return set;
    }

    @Test
    void createMakesTheConfigDirectoryReadableAndQueueAndDataPrivate() throws Exception {
        InstanceSet set = initialized();
        set.ok("-e", "create", "-I", "store-a");
        assertEquals(PosixFilePermissions.fromString("rwxr-xr-x"), Files.getPosixFilePermissions(set.path("etc/store-a")));
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(set.path("var/spool/store-a")));
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(set.path("var/lib/store-a")));
    }

    @Test
    void asRootCreateHandsQueueAndDataToMailOwnerAndRefusesAnUnknownOne() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can chown");
        InstanceSet set = initialized();
        org.storemulti.config.MainCfEditor.set(set.primary().resolve("main.cf"), java.util.Map.of("mail_owner", "nobody"));
        set.ok("-e", "create", "-I", "store-a");
        assertEquals("nobody", set.mainCf(set.path("etc/store-a")).value("mail_owner").orElseThrow(),
                "create copies mail_owner from the primary");
        assertEquals("nobody", Files.getOwner(set.path("var/spool/store-a")).getName());
        assertEquals("nobody", Files.getOwner(set.path("var/spool/store-a/private")).getName());
        assertEquals("nobody", Files.getOwner(set.path("var/lib/store-a/messages")).getName());
        assertEquals("root", Files.getOwner(set.path("etc/store-a")).getName());

        org.storemulti.config.MainCfEditor.set(set.primary().resolve("main.cf"), java.util.Map.of("mail_owner", "no-such-user-x"));
        InstanceSet.Result r = set.run("-e", "create", "-I", "store-b");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("mail_owner = no-such-user-x: no such user"), r.err());
        assertEquals(List.of(set.path("etc/store-a").toString()), set.directories(), "nothing registered");
    }

    @Test
    void asRootImportHandsQueueAndDataToTheMailOwnerOfTheImportedInstance() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can chown");
        InstanceSet set = initialized();
        set.write("hand/conf/main.cf", "queue_directory = " + set.path("hand/queue") + "\ndata_directory = "
                + set.path("hand/data") + "\nmail_owner = nobody\n");
        set.ok("-e", "import", "-I", "store-hand", "config_directory=" + set.path("hand/conf"));
        assertEquals("nobody", Files.getOwner(set.path("hand/queue/pid")).getName());
        assertEquals("nobody", Files.getOwner(set.path("hand/data")).getName());
        assertEquals("root", Files.getOwner(set.path("hand/conf")).getName());
    }

    @Test
    void aRunningInstanceHoldingItsDataDirectoryLockIsNeitherDestroyedNorDeported() throws Exception {
        InstanceSet set = initialized();
        set.ok("-e", "create", "-I", "store-a");
        set.write("var/spool/store-a/pid/master.pid", "4242\n");
        Path lock = set.write("var/lib/store-a/master.lock", "4242\n");
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE); FileLock held = channel.lock()) {
            InstanceSet.Result r = set.run("-i", "a", "-e", "destroy");
            assertEquals(1, r.exit());
            assertTrue(r.err().contains("Instance 'store-a' is not stopped"), r.err());
            assertEquals(1, set.run("-i", "a", "-e", "deport").exit());
            assertTrue(set.run("-l", "--format", "json").out().contains("\"running\" : true"));
        }
        assertEquals(List.of(set.path("etc/store-a").toString()), set.directories());
        set.ok("-i", "a", "-e", "destroy");
        assertFalse(Files.exists(set.path("var/spool/store-a")), "a stale pid file is removed with the queue");
        assertFalse(Files.exists(set.path("var/lib/store-a")), "and a stale lock with the data directory");
    }

    @Test
    void destroyNeverFollowsASymbolicLinkOutOfTheInstance() throws Exception {
        InstanceSet set = initialized();
        set.ok("-e", "create", "-I", "store-a");
        Path precious = set.write("precious/keep.txt", "keep me");
        Files.createDirectories(set.path("precious/run"));
        Files.delete(set.path("var/lib/store-a/run"));
        Files.createSymbolicLink(set.path("var/lib/store-a/run"), set.path("precious"));
        InstanceSet.Result r = set.ok("-i", "a", "-e", "destroy");
        assertTrue(r.err().contains(set.path("var/lib/store-a/run") + " is a symbolic link: left in place"), r.err());
        assertTrue(Files.exists(precious));
        assertTrue(Files.isDirectory(set.path("precious/run")));
        assertTrue(Files.isSymbolicLink(set.path("var/lib/store-a/run")));
        assertFalse(Files.exists(set.path("etc/store-a/main.cf")));
        assertEquals(List.of(), set.directories());
    }

    @Test
    void aMessageDirectoryThatIsASymbolicLinkBlocksDestroyAndIsNotFollowed() throws Exception {
        InstanceSet set = initialized();
        set.ok("-e", "create", "-I", "store-a");
        set.write("elsewhere/msg", "x");
        Files.delete(set.path("var/spool/store-a/hold"));
        Files.createSymbolicLink(set.path("var/spool/store-a/hold"), set.path("elsewhere"));
        InstanceSet.Result r = set.run("-i", "a", "-e", "destroy");
        assertEquals(1, r.exit(), "a link where a queue directory belongs counts as a queue entry");
        assertTrue(Files.exists(set.path("elsewhere/msg")));
    }

    @Test
    void destroyLeavesADirectoryThatAnotherInstanceUses() throws Exception {
        InstanceSet set = initialized();
        // store-b's data directory sits where store-a's data would be removed from
        set.ok("-e", "create", "-I", "store-a", "data_directory=" + set.path("shared/a-data"));
        set.ok("-e", "create", "-I", "store-b", "data_directory=" + set.path("shared/b-data"));
        set.ok("-i", "a", "-e", "destroy");
        assertFalse(Files.exists(set.path("shared/a-data")));
        assertTrue(Files.isDirectory(set.path("shared/b-data/messages")));
    }

    @Test
    void twoConcurrentCreatesBothEndUpRegistered() throws Exception {
        InstanceSet set = initialized();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<InstanceSet.Result>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = "store-c" + i;
                results.add(pool.submit((Callable<InstanceSet.Result>) () -> set.run("-e", "create", "-I", name)));
            }
            for (Future<InstanceSet.Result> f : results) {
                assertEquals(0, f.get().exit(), f.get().err());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(8, Set.copyOf(set.directories()).size(), set.directories().toString());
    }

    @Test
    void twoConcurrentCreatesOfOneNameRegisterItOnceAndRefuseTheOther() throws Exception {
        InstanceSet set = initialized();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<InstanceSet.Result> a = pool.submit(() -> set.run("-e", "create", "-I", "store-same"));
            Future<InstanceSet.Result> b = pool.submit(() -> set.run("-e", "create", "-I", "store-same"));
            assertEquals(1, a.get().exit() + b.get().exit(), a.get().err() + b.get().err());
        } finally {
            pool.shutdown();
        }
        assertEquals(List.of(set.path("etc/store-same").toString()), set.directories());
    }

    @Test
    void storeConfigNamingAnotherDirectoryIsRefusedSoXCannotRecurse() {
        InstanceSet set = initialized();
        set.environment(Map.of("STORE_CONFIG", set.path("etc/store-a").toString()));
        InstanceSet.Result r = set.run("-l");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("storemulti: fatal: Non-default configuration directory: STORE_CONFIG="
                + set.path("etc/store-a")), r.err());
        set.environment(Map.of("STORE_CONFIG", set.primary() + "/"));
        assertEquals(0, set.run("-l").exit(), "the primary itself, even with a trailing slash, is fine");
    }

    @Test
    void theWrittenMainCfIsCompleteWhenItExists() throws Exception {
        InstanceSet set = initialized();
        set.ok("-e", "create", "-I", "store-a");
        try (var files = Files.list(set.path("etc/store-a"))) {
            assertEquals(List.of("main.cf", "main.cf.lock"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temp files remain");
        }
        assertTrue(Files.isRegularFile(set.path("etc/store-a/main.cf"), LinkOption.NOFOLLOW_LINKS));
    }
}
