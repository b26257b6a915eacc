package org.storemulti.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.testing.LaunchedInstance;
import org.storemulti.testing.Launchers.Run;

/**
 * Issue 17 item 12 through the real launchers: after a crash (storectl abort: kill -9) and
 * a restart, the daemon has swept the leftovers and {@code db verify} is clean.
 */
class CrashLeftoversIT {

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
    void leftoversOfACrashAreSweptAtStartUpSoVerifyIsClean() throws Exception {
        a = LaunchedInstance.create(temp, "store-a");
        a.ok("storeadm", "", "domain", "add", "example.com");
        a.ok("storeadm", "", "-d", "example.com", "mailbox", "user-add", "joe");
        a.ok("storectl", "", "start");
        a.ok("storeadm", "Subject: kept\n\nhello\n", "deliver", "-f", "ann@example.org", "joe@example.com");
        a.awaitMailbox("joe@example.com", "messages=1 ");
        a.ok("storectl", "", "abort");

        // what a crash an hour ago leaves: a half-written temp file, a file renamed but never committed
        Path bucket = Files.createDirectories(a.path("var/lib/store-a/messages/0f"));
        Path tempFile = Files.writeString(bucket.resolve(".tmp-19cd0000000-1"), "X-Store-Envelope: v=1; date=1");
        Path orphan = Files.writeString(bucket.resolve("19cd0000000-2"),
                "X-Store-Envelope: v=1; date=1; rcpt=example.com:user%2Fjoe%2FINBOX\r\nSubject: never acknowledged\r\n");
        for (Path leftover : List.of(tempFile, orphan)) {
            Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        }
        Run before = a.run("storeadm", "", "db", "verify");
        assertEquals(1, before.exit(), "verify sees the leftovers before the restart: " + before);

        a.ok("storectl", "", "start");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files.exists(tempFile) || Files.exists(orphan)) {
            assertTrue(System.nanoTime() < deadline, "the daemon did not sweep the leftovers within 30 s");
            Thread.sleep(50);
        }
        assertEquals(new Run(0, "", ""), a.run("storeadm", "", "db", "verify"));
        a.awaitMailbox("joe@example.com", "messages=1 ");
        String log = Files.readString(a.path("var/spool/store-a/pid/daemon.log"));
        assertTrue(log.contains("info: removed orphan-file 0f/19cd0000000-2: no index row references it"), log);
    }
}
