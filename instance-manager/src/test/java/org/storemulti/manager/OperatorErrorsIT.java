package org.storemulti.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.storemulti.testing.Launchers.command;
import static org.storemulti.testing.Launchers.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.testing.InstanceSet;
import org.storemulti.testing.Launchers.Run;

/**
 * Issue 17 item 14 through the real launchers: errors that say what and where, in one line.
 */
class OperatorErrorsIT {

    @TempDir
    Path temp;

    private InstanceSet set;

    private Run storemulti(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-c", set.primary().toString()));
        all.addAll(List.of(args));
        return exec(command("storemulti", all.toArray(String[]::new)));
    }

    private List<String> of(String program, String... args) {
        List<String> all = new ArrayList<>(List.of("-c", set.path("etc/store-a").toString()));
        all.addAll(List.of(args));
        return command(program, all.toArray(String[]::new));
    }

    private void instance() throws Exception {
        set = InstanceSet.on(temp);
        assertEquals(0, storemulti("-e", "init").exit());
        assertEquals(0, storemulti("-e", "create", "-I", "store-a").exit());
    }

    @AfterEach
    void stop() throws Exception {
        if (set != null && Files.exists(set.path("etc/store-a/main.cf"))) {
            exec(of("storectl", "abort"));
        }
    }

    @Test
    void aMainCfByteThatIsNotUtf8IsNamedWithFileLineAndColumn() throws Exception {
        instance();
        Path mainCf = set.path("etc/store-a/main.cf");
        int line = Files.readAllLines(mainCf).size() + 1;
        Files.write(mainCf, "myhostname = caf\u00e9.example\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                StandardOpenOption.APPEND);
        String expected = mainCf + ":" + line + ": not valid UTF-8 (byte 0xe9 at column 17): save the file as UTF-8\n";
        assertEquals(new Run(1, "", "storectl: fatal: " + expected), exec(of("storectl", "check")));
        assertEquals(new Run(1, "", "storeconf: fatal: " + expected), exec(of("storeconf", "-n")));
    }

    @Test
    void aNameWhoseSocketsCouldNotBeBoundIsRefusedAtCreateInOneLine() throws Exception {
        set = InstanceSet.on(temp);
        assertEquals(0, storemulti("-e", "init").exit());
        for (int length : List.of(300, 120)) {
            String name = "store-" + "x".repeat(length - "store-".length());
            Run r = storemulti("-e", "create", "-I", name);
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
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can run the commands as another user");
        Path jar = InstanceSet.checkout().resolve("instance-manager/target/instance-manager.jar");
        assumeTrue(exec(List.of("runuser", "-u", "nobody", "--", "test", "-r", jar.toString())).exit() == 0,
                "user nobody cannot read " + jar);
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        instance();
        assertEquals(0, exec(of("storectl", "start")).exit());
        Path data = set.path("var/lib/store-a");
        String denied = "permission denied: user nobody cannot enter " + data + " (owner root, mode rwx------):"
                + " run this as root";

        for (String command : List.of("status", "stop")) {
            Run r = exec(asNobody(of("storectl", command)));
            assertEquals(1, r.exit(), r.toString());
            assertEquals("", r.out(), r.toString());
            assertEquals("storectl: fatal: cannot tell whether the store"
                    + " instance is running: " + data.resolve("master.lock") + ": " + denied + " (config_directory "
                    + set.path("etc/store-a") + ")\n", r.err());
        }
        assertEquals(0, exec(of("storectl", "status")).exit(), "the daemon runs on");

        Run storeadm = exec(asNobody(of("storeadm", "domain", "list")));
        assertEquals(1, storeadm.exit(), storeadm.toString());
        assertEquals(1, storeadm.err().lines().count(), storeadm.toString());
        assertTrue(storeadm.err().contains(denied), storeadm.toString());
    }

    private static List<String> asNobody(List<String> command) {
        List<String> all = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
        all.addAll(command);
        return all;
    }
}
