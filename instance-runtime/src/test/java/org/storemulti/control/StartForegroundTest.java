package org.storemulti.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code storectl start-fg} runs the daemon in the calling JVM, as {@code storemulti -p start-fg} does. */
class StartForegroundTest {

    @TempDir
    Path root;

    @Test
    void aDaemonInThisJvmIsSeenAsRunningAndStopsThroughItsControlSocket() throws Exception {
        TestInstance store = TestInstance.create(root);
        assertEquals(0, store.storectl("set-permissions").status());
        CompletableFuture<TestInstance.Result> foreground = CompletableFuture.supplyAsync(() -> store.storectl("start-fg"));
        long self = ProcessHandle.current().pid();
        store.awaitServiceRunning("control");

        for (int probe = 0; probe < 3; probe++) {
            TestInstance.Result status = store.storectl("status");
            assertEquals(0, status.status(), "probing must never release the daemon's own lock: " + status);
            assertTrue(status.out().contains("is running: PID: " + self), status.toString());
        }
        TestInstance.Result second = store.storectl("start");
        assertEquals(1, second.status(), second.toString());
        assertTrue(second.err().contains("already running: PID: " + self), second.toString());

        assertEquals(0, store.storectl("stop").status());
        assertEquals(0, foreground.get(10, TimeUnit.SECONDS).status());
        assertTrue(Files.notExists(store.pidFile()));
    }
}
