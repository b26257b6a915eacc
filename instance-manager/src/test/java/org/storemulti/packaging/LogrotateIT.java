package org.storemulti.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.config.InstanceConfig;
import org.storemulti.testing.InstanceSet;
import org.storemulti.testing.LaunchedInstance;
import org.storemulti.testing.Launchers;
import org.storemulti.testing.ProcessRun;

/**
 * The package's logrotate snippet, generated for a sandbox primary, run by the real
 * logrotate against running daemons (the primary and a secondary, started by the real
 * storectl): each log is renamed, its postrotate reload makes each daemon start a new file
 * at the same path, and nothing more is written to the renamed one.
 */
class LogrotateIT {

    @TempDir
    Path temp;

    private LaunchedInstance a;

    @AfterEach
    void stop() throws Exception {
        if (a != null) {
            Launchers.exec(a.command("storemulti", "-p", "stop"));
        }
    }

    @Test
    void logrotateRenamesEachDaemonLogAndTheReloadStartsANewOne() throws Exception {
        assumeTrue(ProcessRun.onPath("logrotate").isPresent(), "logrotate is not installed (apt-get install logrotate)");
        a = LaunchedInstance.create(temp, "store-a");
        a.ok("storemulti", "", "-i", "store-a", "-e", "enable");
        Path bin = InstanceSet.checkout().resolve("bin");
        Launchers.Run edit = Launchers.exec(Launchers.command("storeconf", "-c", a.set().primary().toString(), "-e",
                "command_directory=" + bin));
        assertEquals(0, edit.exit(), edit.toString());
        a.ok("storemulti", "", "-p", "set-permissions"); // the sandbox primary's directories, as postinst does
        a.ok("storemulti", "", "-p", "start");
        Path config = temp.resolve("logrotate.conf");
        Files.writeString(config, LogrotateSnippet.text(InstanceConfig.load(a.set().primary())));

        ProcessRun rotate = ProcessRun.run(List.of("logrotate", "-f", "-s", temp.resolve("state").toString(),
                config.toString()), Map.of(), Duration.ofMinutes(1));

        assertEquals(0, rotate.exit(), rotate.out() + rotate.err());
        for (String queue : List.of("var/spool/store", "var/spool/store-a")) {
            Path log = a.path(queue + "/pid/daemon.log");
            Path rotated = a.path(queue + "/pid/daemon.log.1");
            assertTrue(Files.readString(rotated).contains(": info: ready: "), queue);
            assertTrue(Files.exists(log), queue + ": the reload started a new log");
            assertTrue(Files.readString(log).contains(": info: reloaded: "), queue + ": " + Files.readString(log));
            assertFalse(Files.readString(rotated).contains("reloaded"), queue);
        }
    }
}
