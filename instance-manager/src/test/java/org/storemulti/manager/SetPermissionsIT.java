package org.storemulti.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.storemulti.testing.Launchers.assumeRootCanRunAs;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.testing.LaunchedInstance;
import org.storemulti.testing.Launchers.Run;

/**
 * Issue 17 item 11 through the real launchers, as root: an instance that ran as root gets a
 * mail_owner; set-permissions hands everything below its directories to it (never following
 * a link), check looks at what start opens, and the daemon then starts as that user.
 */
class SetPermissionsIT {

    @TempDir
    Path temp;

    private LaunchedInstance a;

    @AfterEach
    void stop() throws Exception {
        if (a != null) {
            a.abortIfRunning();
        }
    }

    @Test
    void anInstanceThatRanAsRootIsHandedWholeToItsNewMailOwner() throws Exception {
        assumeRootCanRunAs("nobody", temp);
        a = LaunchedInstance.create(temp, "store-a");
        a.ok("storeadm", "", "domain", "add", "example.com");
        a.ok("storeadm", "", "-d", "example.com", "mailbox", "user-add", "joe");
        a.ok("storectl", "", "start");
        a.ok("storeadm", "Subject: as root\n\nhello\n", "deliver", "-f", "ann@example.org", "joe@example.com");
        a.awaitMailbox("joe@example.com", "messages=1 ");
        a.ok("storeadm", "", "db", "backup");
        a.ok("storectl", "", "stop");
        Path outside = Files.writeString(a.path("outside.txt"), "root's own");
        Files.createSymbolicLink(a.path("var/lib/store-a/backup/link"), outside);

        a.ok("storeconf", "", "-e", "mail_owner=nobody");
        Run setup = a.ok("storectl", "", "set-permissions");
        assertTrue(setup.out().contains("left 1 symbolic link under " + a.path("var/lib/store-a")), setup.toString());
        List<String> notNobodys = new ArrayList<>();
        for (Path root : List.of(a.path("var/spool/store-a"), a.path("var/lib/store-a"))) {
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
        a.ok("storectl", "", "check");

        Files.setOwner(a.path("var/lib/store-a/store.db"),
                temp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("root"));
        Run check = a.run("storectl", "", "check");
        assertEquals(1, check.exit(), check.toString());
        assertTrue(check.err().contains(a.path("var/lib/store-a/store.db") + ": owned by root, not by nobody who runs"
                + " the daemon"), check.toString());
        a.ok("storectl", "", "set-permissions");

        a.ok("storectl", "", "start");
        String pid = Files.readString(a.path("var/spool/store-a/pid/master.pid")).strip();
        assertEquals("nobody", ProcessHandle.of(Long.parseLong(pid)).orElseThrow().info().user().orElseThrow());
        a.ok("storeadm", "Subject: as nobody\n\nhello\n", "deliver", "-f", "ann@example.org", "joe@example.com");
        a.awaitMailbox("joe@example.com", "messages=2 ");
        a.ok("storectl", "", "stop");
    }
}
