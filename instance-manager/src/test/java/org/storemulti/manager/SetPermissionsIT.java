package org.storemulti.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.storemulti.testing.Launchers.command;
import static org.storemulti.testing.Launchers.exec;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.testing.InstanceSet;
import org.storemulti.testing.Launchers.Run;

/**
 * Issue 17 item 11 through the real launchers, as root: an instance that ran as root gets a
 * mail_owner; set-permissions hands everything below its directories to it (never following
 * a link), check looks at what start opens, and the daemon then starts as that user.
 */
class SetPermissionsIT {

    @TempDir
    Path temp;

    private InstanceSet set;

    private Run run(String program, String input, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-c", set.path("etc/store-a").toString()));
        all.addAll(List.of(args));
        return exec(command(program, all.toArray(String[]::new)), Map.of(), input);
    }

    private Run ok(String program, String input, String... args) throws Exception {
        Run r = run(program, input, args);
        assertEquals(0, r.exit(), program + " " + String.join(" ", args) + ": " + r);
        return r;
    }

    @AfterEach
    void stop() throws Exception {
        if (set != null) {
            run("storectl", "", "abort");
        }
    }

    @Test
    void anInstanceThatRanAsRootIsHandedWholeToItsNewMailOwner() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can hand files to another user");
        Path jar = InstanceSet.checkout().resolve("instance-manager/target/instance-manager.jar");
        assumeTrue(exec(List.of("runuser", "-u", "nobody", "--", "test", "-r", jar.toString())).exit() == 0,
                "user nobody cannot read " + jar);
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        set = InstanceSet.on(temp);
        assertEquals(0, exec(command("storemulti", "-c", set.primary().toString(), "-e", "init")).exit());
        assertEquals(0, exec(command("storemulti", "-c", set.primary().toString(), "-e", "create", "-I", "store-a"))
                .exit());
        ok("storeadm", "", "domain", "add", "example.com");
        ok("storeadm", "", "-d", "example.com", "mailbox", "user-add", "joe");
        ok("storectl", "", "start");
        ok("storeadm", "Subject: as root\n\nhello\n", "deliver", "-f", "ann@example.org", "joe@example.com");
        awaitMessages("messages=1 ");
        ok("storeadm", "", "db", "backup");
        ok("storectl", "", "stop");
        Path outside = Files.writeString(set.path("outside.txt"), "root's own");
        Files.createSymbolicLink(set.path("var/lib/store-a/backup/link"), outside);

        ok("storeconf", "", "-e", "mail_owner=nobody");
        Run setup = ok("storectl", "", "set-permissions");
        assertTrue(setup.out().contains("left 1 symbolic link under " + set.path("var/lib/store-a")), setup.toString());
        List<String> notNobodys = new ArrayList<>();
        for (Path root : List.of(set.path("var/spool/store-a"), set.path("var/lib/store-a"))) {
            try (Stream<Path> all = Files.walk(root)) {
                for (Path p : all.filter(p -> !Files.isSymbolicLink(p)).toList()) {
                    if (!Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName().equals("nobody")) {
                        notNobodys.add(p.toString());
                    }
                }
            }
        }
        assertEquals(List.of(), notNobodys, "entries set-permissions left to another user");
        assertEquals("root", Files.getOwner(outside).getName(), "a symbolic link is never followed");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(outside)));
        ok("storectl", "", "check");

        Files.setOwner(set.path("var/lib/store-a/store.db"),
                temp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("root"));
        Run check = run("storectl", "", "check");
        assertEquals(1, check.exit(), check.toString());
        assertTrue(check.err().contains(set.path("var/lib/store-a/store.db") + ": owned by root, not by nobody who runs"
                + " the daemon"), check.toString());
        ok("storectl", "", "set-permissions");

        ok("storectl", "", "start");
        String pid = Files.readString(set.path("var/spool/store-a/pid/master.pid")).strip();
        assertEquals("nobody", ProcessHandle.of(Long.parseLong(pid)).orElseThrow().info().user().orElseThrow());
        ok("storeadm", "Subject: as nobody\n\nhello\n", "deliver", "-f", "ann@example.org", "joe@example.com");
        awaitMessages("messages=2 ");
        ok("storectl", "", "stop");
    }

    private void awaitMessages(String prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ok("storeadm", "", "mailbox", "status", "joe@example.com").out().startsWith(prefix)) {
            assertTrue(System.nanoTime() < deadline, "no " + prefix + " within 30 s");
            Thread.sleep(100);
        }
    }
}
