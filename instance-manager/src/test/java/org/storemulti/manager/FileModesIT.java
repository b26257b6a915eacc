package org.storemulti.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.storemulti.testing.Launchers.command;
import static org.storemulti.testing.Launchers.exec;
import static org.storemulti.testing.Launchers.underUmask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.testing.InstanceSet;
import org.storemulti.testing.LaunchedInstance;
import org.storemulti.testing.Launchers.Run;

/**
 * Issue 17 items 5 and 6 through the real launchers, every one of them run under
 * {@code umask 000}: what the commands and the daemon make has the modes they chose.
 */
class FileModesIT {

    @TempDir
    Path temp;

    private LaunchedInstance a;

    /** {@code umask 000 && exec bin/PROGRAM -c ...}, which must succeed. */
    private Run run(String program, String input, String... args) throws Exception {
        Run r = exec(underUmask("000", a.command(program, args)), Map.of(), input);
        assertEquals(0, r.exit(), program + " " + String.join(" ", args) + ": " + r);
        return r;
    }

    @AfterEach
    void stop() throws Exception {
        if (a != null) {
            a.abortIfRunning();
        }
    }

    @Test
    void underUmask000EveryStoreAndQueueFileIsPrivateAndTheLmtpSocketHasItsMode() throws Exception {
        InstanceSet set = InstanceSet.on(temp);
        assertEquals(0, exec(underUmask("000", command("storemulti", "-c", set.primary().toString(), "-e", "init")))
                .exit());
        assertEquals(0, exec(underUmask("000", command("storemulti", "-c", set.primary().toString(), "-e", "create",
                "-I", "store-a"))).exit());
        a = LaunchedInstance.of(set, "store-a");
        run("storemulti", "", "-i", "store-a", "-e", "enable");
        run("storeadm", "", "domain", "add", "example.com");
        run("storeadm", "", "-d", "example.com", "mailbox", "user-add", "joe");
        run("storectl", "", "start");
        run("storeadm", "Subject: modes\n\nhello\n", "deliver", "-f", "ann@example.org", "joe@example.com");
        a.awaitMailbox("joe@example.com", "messages=1 ");
        Path outside = a.path("elsewhere/backups/store-a");
        run("storeadm", "", "db", "backup");
        run("storeadm", "", "db", "backup", outside.toString());

        Map<String, String> wrong = new TreeMap<>();
        Path queue = a.path("var/spool/store-a");
        expect(wrong, queue.resolve("private/lmtp"), "rw-rw----");
        expect(wrong, queue.resolve("private/control"), "rw-------");
        Path data = a.path("var/lib/store-a");
        for (String sqlite : List.of("store.db", "store.db-wal", "store.db-shm")) {
            expect(wrong, data.resolve(sqlite), "rw-------");
        }
        run("storectl", "", "stop");

        for (Path root : List.of(queue, data, a.path("elsewhere"))) {
            everythingPrivate(root, wrong);
        }
        expect(wrong, a.path("etc/store-a/main.cf"), "rw-r--r--");
        expect(wrong, a.path("etc/store-a"), "rwxr-xr-x");
        assertEquals(Map.of(), wrong, "paths whose mode is not the one storemulti chose");
        assertTrue(Files.isRegularFile(queue.resolve("pid/daemon.log")));
        assertTrue(Files.isDirectory(queue.resolve("move")));
        assertTrue(Files.isRegularFile(outside.resolve("MANIFEST")));
    }

    /** Every directory under {@code root} (itself included) 0700, every file 0600. */
    private static void everythingPrivate(Path root, Map<String, String> wrong) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            all.forEach(p -> expect(wrong, p, Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "rwx------"
                    : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? "rw-------" : null));
        }
    }

    private static void expect(Map<String, String> wrong, Path path, String mode) {
        if (mode == null) {
            return;
        }
        try {
            String actual = PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
            if (!actual.equals(mode)) {
                wrong.put(path.toString(), actual + ", expected " + mode);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
