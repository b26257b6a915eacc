package org.storemulti.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.testing.LaunchedInstance;
import org.storemulti.testing.Launchers.Run;

/**
 * Issue 17 item 10 through the real launchers: the daemon is found by its lock on the data
 * directory, whatever happened to {@code pid/master.pid}.
 */
class DaemonLockIT {

    @TempDir
    Path temp;

    private LaunchedInstance a;
    private long pid;

    @AfterEach
    void stopWhatRuns() throws Exception {
        if (a != null) {
            a.abortIfRunning();
        }
        if (pid > 0) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // when even status missed it
        }
    }

    @Test
    void withThePidFileRemovedStatusStartStopAndDestroyStillFindTheDaemon() throws Exception {
        a = LaunchedInstance.create(temp, "store-a");
        a.ok("storemulti", "", "-i", "store-a", "-e", "enable");
        a.ok("storemulti", "", "-i", "store-a", "-p", "start");
        Path pidFile = a.path("var/spool/store-a/pid/master.pid");
        pid = Long.parseLong(Files.readString(pidFile).strip());
        Files.delete(pidFile);

        Run status = a.run("storemulti", "", "-i", "store-a", "-p", "status");
        assertEquals(0, status.exit(), status.toString());
        assertTrue(status.out().contains("the store instance is running: PID: " + pid), status.toString());
        Run second = a.run("storectl", "", "start");
        assertEquals(1, second.exit(), second.toString());
        assertEquals("storectl: fatal: the store instance is already running: PID: " + pid + " (config_directory "
                + a.configDirectory() + ")\n", second.err());
        assertTrue(a.ok("storemulti", "", "-l", "--format", "yaml").out().contains("running: true"));

        a.ok("storemulti", "", "-i", "store-a", "-e", "disable");
        Run destroy = a.run("storemulti", "", "-i", "store-a", "-e", "destroy");
        assertEquals(1, destroy.exit(), destroy.toString());
        assertTrue(destroy.err().contains("Instance 'store-a' is not stopped"), destroy.toString());
        assertTrue(Files.isDirectory(a.path("var/lib/store-a")), "destroy left the running store alone");

        a.ok("storectl", "", "stop");
        Optional<ProcessHandle> daemon = ProcessHandle.of(pid);
        if (daemon.isPresent()) {
            daemon.get().onExit().get(10, TimeUnit.SECONDS);
        }
        a.ok("storemulti", "", "-i", "store-a", "-e", "destroy");
    }
}
