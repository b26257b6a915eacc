package org.storemulti.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.testing.ThreadWaits;

/**
 * {@code storectl wait-ready [MAIN_PID]}, what the systemd unit's {@code ExecStartPost=}
 * runs: one JVM that waits on the daemon's control socket until it reports ready, gives up
 * after {@code daemon_start_timeout}, and stops waiting (exit 0) when the main process ends
 * first.
 */
class WaitReadyTest {

    @TempDir
    Path root;

    private TestInstance instance;
    private Process mainProcess;

    @AfterEach
    void cleanUp() {
        if (mainProcess != null) {
            mainProcess.destroyForcibly();
        }
        if (instance != null) {
            instance.cleanUp();
        }
    }

    @Test
    void waitsForADaemonThatStartsLaterAndReturnsOnceItIsReady() throws Exception {
        instance = TestInstance.prepared(root);
        String self = Long.toString(ProcessHandle.current().pid());
        CompletableFuture<TestInstance.Result> waiting = CompletableFuture.supplyAsync(
                () -> instance.storectl("wait-ready", self));
        ThreadWaits.awaitThreadWaitingIn(InstanceControl.class.getName() + ".awaitReady");

        assertEquals(0, instance.storectl("start").status());

        TestInstance.Result ready = waiting.get(30, TimeUnit.SECONDS);
        assertEquals(new TestInstance.Result(0, "store-test/storectl: the store instance is ready\n", ""), ready);
        assertEquals(0, instance.storectl("wait-ready").status(), "a running daemon is ready at once");
        assertEquals(0, instance.storectl("stop").status());
    }

    @Test
    void givesUpAfterDaemonStartTimeoutWithOneLine() throws Exception {
        instance = TestInstance.prepared(root, "daemon_start_timeout = 1s");
        mainProcess = new ProcessBuilder("sleep", "60").start();

        long started = System.nanoTime();
        TestInstance.Result result = instance.storectl("wait-ready", Long.toString(mainProcess.pid()));

        assertEquals(new TestInstance.Result(1, "", "storectl: fatal: the store instance is not ready: not ready within 1s"
                + " (daemon_start_timeout) (config_directory " + instance.configDirectory() + ")\n"), result);
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void stopsWaitingWhenTheMainProcessHasEndedSoItsExitStatusDecides() throws Exception {
        instance = TestInstance.prepared(root);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        assertEquals(new TestInstance.Result(0, "", ""), instance.storectl("wait-ready", Long.toString(gone.pid())));

        mainProcess = new ProcessBuilder("sleep", "1").start();
        long started = System.nanoTime();
        assertEquals(new TestInstance.Result(0, "", ""),
                instance.storectl("wait-ready", Long.toString(mainProcess.pid())), "ends while waited for");
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void anArgumentThatIsNotAPidIsAUsageError() throws Exception {
        instance = TestInstance.prepared(root);
        TestInstance.Result result = instance.storectl("wait-ready", "soon");
        assertEquals(2, result.status());
        assertEquals("storectl: usage: wait-ready: expected at most one argument, the PID of the process to watch"
                + " (systemd's $MAINPID), not 'soon' (see storectl --help)\n", result.err());
    }
}
