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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.testing.InstanceSet;
import org.storemulti.testing.Launchers.Run;

/**
 * Issue 17 items 5 and 6 through the real launchers, every one of them run under
 * {@code umask 000}: what the commands and the daemon make has the modes they chose.
 */
class FileModesIT {

    @TempDir
    Path temp;

    private InstanceSet set;

    private Run run(String program, String... args) throws Exception {
        Run r = exec(underUmask("000", command(program, args)), Map.of(), "");
        assertEquals(0, r.exit(), program + " " + String.join(" ", args) + ": " + r);
        return r;
    }

    private Run storeadm(String input, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-c", set.path("etc/store-a").toString()));
        all.addAll(List.of(args));
        Run r = exec(underUmask("000", command("storeadm", all.toArray(String[]::new))), Map.of(), input);
        assertEquals(0, r.exit(), "storeadm " + String.join(" ", args) + ": " + r);
        return r;
    }

    @AfterEach
    void stop() throws Exception {
        if (set != null) {
            exec(command("storectl", "-c", set.path("etc/store-a").toString(), "abort"));
        }
    }

    @Test
    void underUmask000EveryStoreAndQueueFileIsPrivateAndTheLmtpSocketHasItsMode() throws Exception {
        set = InstanceSet.on(temp);
        String primary = set.primary().toString();
        run("storemulti", "-c", primary, "-e", "init");
        run("storemulti", "-c", primary, "-e", "create", "-I", "store-a");
        run("storemulti", "-c", primary, "-i", "store-a", "-e", "enable");
        storeadm("", "domain", "add", "example.com");
        storeadm("", "-d", "example.com", "mailbox", "user-add", "joe");
        run("storectl", "-c", set.path("etc/store-a").toString(), "start");
        storeadm("Subject: modes\n\nhello\n", "deliver", "-f", "ann@example.org", "joe@example.com");
        awaitDelivered();
        Path outside = set.path("elsewhere/backups/store-a");
        storeadm("", "db", "backup");
        storeadm("", "db", "backup", outside.toString());

        Map<String, String> wrong = new TreeMap<>();
        Path queue = set.path("var/spool/store-a");
        expect(wrong, queue.resolve("private/lmtp"), "rw-rw----");
        expect(wrong, queue.resolve("private/control"), "rw-------");
        Path data = set.path("var/lib/store-a");
        for (String sqlite : List.of("store.db", "store.db-wal", "store.db-shm")) {
            expect(wrong, data.resolve(sqlite), "rw-------");
        }
        run("storectl", "-c", set.path("etc/store-a").toString(), "stop");

        for (Path root : List.of(queue, data, set.path("elsewhere"))) {
            everythingPrivate(root, wrong);
        }
        expect(wrong, set.path("etc/store-a/main.cf"), "rw-r--r--");
        expect(wrong, set.path("etc/store-a"), "rwxr-xr-x");
        assertEquals(Map.of(), wrong, "paths whose mode is not the one storemulti chose");
        assertTrue(Files.isRegularFile(queue.resolve("pid/daemon.log")));
        assertTrue(Files.isDirectory(queue.resolve("move")));
        assertTrue(Files.isRegularFile(outside.resolve("MANIFEST")));
    }

    private void awaitDelivered() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!storeadm("", "mailbox", "status", "joe@example.com").out().startsWith("messages=1")) {
            assertTrue(System.nanoTime() < deadline, "the queued message was not delivered within 30 s");
            Thread.sleep(100);
        }
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
