package org.storemulti.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.storemulti.testing.Launchers.as;
import static org.storemulti.testing.Launchers.assumeRootCanRunAs;
import static org.storemulti.testing.Launchers.command;
import static org.storemulti.testing.Launchers.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.testing.InstanceSet;
import org.storemulti.testing.LaunchedInstance;
import org.storemulti.testing.Launchers.Run;

/**
 * Issue 17 item 14 through the real launchers: errors that say what and where, in one line.
 */
class OperatorErrorsIT {

    @TempDir
    Path temp;

    private LaunchedInstance a;

    @AfterEach
    void stop() throws Exception {
        if (a != null && Files.exists(a.configDirectory().resolve("main.cf"))) {
            a.abortIfRunning();
        }
    }

    @Test
    void aMainCfByteThatIsNotUtf8IsNamedWithFileLineAndColumn() throws Exception {
        a = LaunchedInstance.create(temp, "store-a");
        Path mainCf = a.configDirectory().resolve("main.cf");
        int line = Files.readAllLines(mainCf).size() + 1;
        Files.write(mainCf, "myhostname = caf\u00e9.example\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                StandardOpenOption.APPEND);
        String expected = mainCf + ":" + line + ": not valid UTF-8 (byte 0xe9 at column 17): save the file as UTF-8\n";
        assertEquals(new Run(1, "", "storectl: fatal: " + expected), a.run("storectl", "", "check"));
        assertEquals(new Run(1, "", "storeconf: fatal: " + expected), a.run("storeconf", "", "-n"));
    }

    @Test
    void aNameWhoseSocketsCouldNotBeBoundIsRefusedAtCreateInOneLine() throws Exception {
        InstanceSet set = InstanceSet.on(temp);
        assertEquals(0, exec(command("storemulti", "-c", set.primary().toString(), "-e", "init")).exit());
        for (int length : List.of(300, 120)) {
            String name = "store-" + "x".repeat(length - "store-".length());
            Run r = exec(command("storemulti", "-c", set.primary().toString(), "-e", "create", "-I", name));
            assertEquals(1, r.exit(), r.toString());
            assertEquals(1, r.err().lines().count(), r.toString());
            assertTrue(r.err().startsWith("storemulti: fatal: New instance name 'store-xxxx"), r.toString());
            assertTrue(r.err().contains(" is too long: its socket ") && r.err().contains("UNIX sockets allow 107"),
                    r.toString());
            assertTrue(r.err().length() < 400, "one readable line: " + r.err());
            assertFalse(Files.exists(set.path("etc/" + name.substring(0, Math.min(name.length(), 200)))));
        }
        assertEquals(List.of(), set.directories());
    }

    /** As another user: permission denied, and who needs access; never "not running". */
    @Test
    void aUserWithoutAccessIsToldPermissionDeniedAndWhoseItIs() throws Exception {
        assumeRootCanRunAs("nobody", temp);
        a = LaunchedInstance.create(temp, "store-a");
        a.ok("storectl", "", "start");
        Path data = a.path("var/lib/store-a");
        String denied = "permission denied: user nobody cannot enter " + data + " (owner root, mode rwx------):"
                + " run this as root";

        for (String command : List.of("status", "stop")) {
            Run r = exec(as("nobody", a.command("storectl", command)));
            assertEquals(1, r.exit(), r.toString());
            assertEquals("", r.out(), r.toString());
            assertEquals("storectl: fatal: cannot tell whether the store"
                    + " instance is running: " + data.resolve("master.lock") + ": " + denied + " (config_directory "
                    + a.configDirectory() + ")\n", r.err());
        }
        a.ok("storectl", "", "status"); // the daemon runs on

        Run storeadm = exec(as("nobody", a.command("storeadm", "domain", "list")));
        assertEquals(1, storeadm.exit(), storeadm.toString());
        assertEquals(1, storeadm.err().lines().count(), storeadm.toString());
        assertTrue(storeadm.err().contains(denied), storeadm.toString());
    }
}
