package org.storemulti.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.storemulti.testing.Launchers.command;
import static org.storemulti.testing.Launchers.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.testing.InstanceSet;
import org.storemulti.testing.Launchers.Run;

/**
 * Issue 17 item 10 through the real launchers: the daemon is found by its lock on the data
 * directory, whatever happened to {@code pid/master.pid}.
 */
class DaemonLockIT {

    @TempDir
    Path temp;

    private InstanceSet set;
    private long pid;

    private Run storemulti(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-c", set.primary().toString()));
        all.addAll(List.of(args));
        return exec(command("storemulti", all.toArray(String[]::new)));
    }

    private Run ok(String... args) throws Exception {
        Run r = storemulti(args);
        assertEquals(0, r.exit(), String.join(" ", args) + ": " + r);
        return r;
    }

    private Run storectl(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-c", set.path("etc/store-a").toString()));
        all.addAll(List.of(args));
        return exec(command("storectl", all.toArray(String[]::new)));
    }

    @AfterEach
    void stopWhatRuns() throws Exception {
        if (set != null && storectl("status").exit() == 0) {
            storectl("abort");
        }
        if (pid > 0) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // when even status missed it
        }
    }

    @Test
    void withThePidFileRemovedStatusStartStopAndDestroyStillFindTheDaemon() throws Exception {
        set = InstanceSet.on(temp);
        ok("-e", "init");
        ok("-e", "create", "-I", "store-a");
        ok("-i", "store-a", "-e", "enable");
        ok("-i", "store-a", "-p", "start");
        Path pidFile = set.path("var/spool/store-a/pid/master.pid");
        pid = Long.parseLong(Files.readString(pidFile).strip());
        Files.delete(pidFile);

        Run status = storemulti("-i", "store-a", "-p", "status");
        assertEquals(0, status.exit(), status.toString());
        assertTrue(status.out().contains("the store instance is running: PID: " + pid), status.toString());
        Run second = storectl("start");
        assertEquals(1, second.exit(), second.toString());
        assertEquals("storectl: fatal: the store instance is already running: PID: " + pid + " (config_directory "
                + set.path("etc/store-a") + ")\n", second.err());
        assertTrue(ok("-l", "--format", "yaml").out().contains("running: true"));

        ok("-i", "store-a", "-e", "disable");
        Run destroy = storemulti("-i", "store-a", "-e", "destroy");
        assertEquals(1, destroy.exit(), destroy.toString());
        assertTrue(destroy.err().contains("Instance 'store-a' is not stopped"), destroy.toString());
        assertTrue(Files.isDirectory(set.path("var/lib/store-a")), "destroy left the running store alone");

        Run stop = storectl("stop");
        assertEquals(0, stop.exit(), stop.toString());
        Optional<ProcessHandle> daemon = ProcessHandle.of(pid);
        if (daemon.isPresent()) {
            daemon.get().onExit().get(10, TimeUnit.SECONDS);
        }
        ok("-i", "store-a", "-e", "destroy");
    }
}
