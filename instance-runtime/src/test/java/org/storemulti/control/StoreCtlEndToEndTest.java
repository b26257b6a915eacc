package org.storemulti.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.config.InstanceConfig;
import org.storemulti.queue.QueueCommand;

import picocli.CommandLine;

/** storectl against a real daemon JVM: the life cycle of one instance, end to end. */
class StoreCtlEndToEndTest {

    /** The local time with milliseconds and offset that starts each line of daemon_log_file. */
    static final String LOG_STAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d";

    @TempDir
    Path root;

    private TestInstance instance;

    private TestInstance instance(String... mainCfLines) throws IOException {
        instance = TestInstance.create(root, mainCfLines);
        assertEquals(0, instance.storectl("set-permissions").status());
        return instance;
    }

    @AfterEach
    void stopLeftovers() throws IOException {
        if (instance != null) {
            instance.cleanUp();
        }
    }

    @Test
    void startStatusReloadStopRunsTheWholeLifeCycle() throws IOException {
        TestInstance store = instance();
        TestInstance.Result start = store.storectl("start");
        assertEquals(0, start.status(), start.toString());
        assertTrue(start.out().contains("the store instance is running: PID: " + store.daemonPid()), start.toString());
        long pid = store.daemonPid();
        assertTrue(ProcessHandle.current().children().noneMatch(p -> p.pid() == pid),
                "the daemon is detached, not a child that would hold up this JVM's exit");

        TestInstance.Result status = store.storectl("status");
        assertEquals(0, status.status(), status.toString());
        assertTrue(status.out().contains("is running: PID: " + store.daemonPid() + ", since "), status.toString());
        assertTrue(status.out().matches("(?s).*\\ncontrol +running .*"), status.toString());

        Files.writeString(store.mainCf(), "lmtp_timeout = 60s\nlmtp_listen = unix:" + root.resolve("q/private/lmtp2") + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        TestInstance.Result reload = store.storectl("reload");
        assertEquals(0, reload.status(), reload.toString());
        assertTrue(reload.out().contains("applied: lmtp_timeout"), reload.toString());
        assertTrue(reload.out().contains("needs a restart (storectl stop; storectl start): lmtp_listen"), reload.toString());

        TestInstance.Result stop = store.storectl("stop");
        assertEquals(0, stop.status(), stop.toString());
        assertFalse(Files.exists(store.pidFile()), "stop removes the pid file");
        assertFalse(Files.exists(root.resolve("q/private/control")), "stop removes the control socket");
        assertEquals(1, store.storectl("status").status());
    }

    @Test
    void aSecondStartIsRefusedWhileTheDaemonRuns() throws IOException {
        TestInstance store = instance();
        assertEquals(0, store.storectl("start").status());
        long pid = store.daemonPid();

        TestInstance.Result again = store.storectl("start");
        assertEquals(1, again.status(), again.toString());
        assertTrue(again.err().contains("already running: PID: " + pid), again.toString());
        assertEquals(pid, store.daemonPid(), "the running daemon is untouched");
        assertEquals(0, store.storectl("stop").status());
    }

    /**
     * Issue 17 item 10: with {@code pid/master.pid} gone, the daemon is still found by its
     * lock on the data directory: status names it, start refuses, the daemon itself refuses
     * a second copy in one line naming the pid, and stop stops the one that runs.
     */
    @Test
    void aRemovedPidFileHidesNothingTheDataDirectoryLockFindsTheDaemon() throws Exception {
        TestInstance store = instance();
        assertEquals(0, store.storectl("start").status());
        long pid = store.daemonPid();
        Files.delete(store.pidFile());

        TestInstance.Result status = store.storectl("status");
        assertEquals(0, status.status(), status.toString());
        assertTrue(status.out().contains("the store instance is running: PID: " + pid), status.toString());
        TestInstance.Result again = store.storectl("start");
        assertEquals(1, again.status(), again.toString());
        assertTrue(again.err().contains("already running: PID: " + pid), again.toString());

        Process second = new ProcessBuilder(DaemonCommand.of(InstanceConfig.load(store.configDirectory()), false))
                .redirectErrorStream(true).start();
        second.getOutputStream().close();
        String said = new String(second.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(second.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, second.exitValue(), said);
        assertEquals("", said, "once main.cf is read, the daemon writes daemon_log_file itself");
        List<String> log = Files.readAllLines(root.resolve("q/pid/daemon.log"));
        assertTrue(log.get(log.size() - 1).matches(LOG_STAMP + " store-test/daemon\\[\\d+\\]: fatal: the store instance is "
                + "already running: PID: " + pid + " .*"), String.join("\n", log));
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the first daemon runs on");

        TestInstance.Result stop = store.storectl("stop");
        assertEquals(0, stop.status(), stop.toString());
        assertFalse(Files.exists(root.resolve("q/private/control")), "stop removes the control socket");
        assertEquals(1, store.storectl("status").status());
    }

    @Test
    void startSucceedsAfterTheDaemonWasKilledWithSignal9() throws Exception {
        TestInstance store = instance();
        assertEquals(0, store.storectl("start").status());
        killMinus9(store.daemonPid());
        assertTrue(Files.exists(store.pidFile()), "kill -9 leaves a stale pid file behind");
        assertEquals(1, store.storectl("status").status(), "a stale pid file is not a running daemon");

        TestInstance.Result start = store.storectl("start");
        assertEquals(0, start.status(), start.toString());
        assertEquals(0, store.storectl("stop").status());
    }

    @Test
    void stopWhenTheDaemonIsAlreadyGoneSaysSoAndFails() throws Exception {
        TestInstance store = instance();
        TestInstance.Result neverStarted = store.storectl("stop");
        assertEquals(1, neverStarted.status(), neverStarted.toString());
        assertTrue(neverStarted.err().startsWith("storectl: fatal: the store instance is not running"), neverStarted.toString());

        assertEquals(0, store.storectl("start").status());
        killMinus9(store.daemonPid());
        TestInstance.Result killed = store.storectl("stop");
        assertEquals(1, killed.status(), killed.toString());
        assertTrue(killed.err().contains("the store instance is not running"), killed.toString());
    }

    @Test
    void aBadMainCfMakesStartFailNamingFileAndLine() throws IOException {
        TestInstance store = instance("lmtp_session_limit = lots");
        TestInstance.Result start = store.storectl("start");
        assertEquals(1, start.status(), start.toString());
        assertTrue(start.err().contains("cannot start: " + store.mainCf() + ":4: lmtp_session_limit = lots: expected a whole number"),
                start.toString());
        assertFalse(Files.exists(store.pidFile()), "no daemon was launched");
    }

    @Test
    void aMainCfSyntaxErrorMakesStartFailNamingFileAndLine() throws IOException {
        TestInstance store = instance();
        Files.writeString(store.mainCf(), "this line is not a parameter\n", java.nio.file.StandardOpenOption.APPEND);
        TestInstance.Result start = store.storectl("start");
        assertEquals(1, start.status(), start.toString());
        assertTrue(start.err().contains(store.mainCf() + ":4: "), start.toString());
    }

    @Test
    void checkReportsAListenAddressTheServiceCouldNotBindWithFileAndLine() throws IOException {
        TestInstance store = instance("lmtp_listen = inet:127.0.0.1:99999");
        TestInstance.Result check = store.storectl("check");
        assertEquals(1, check.status(), check.toString());
        assertTrue(check.err().contains(store.mainCf() + ":4: lmtp_listen: inet:127.0.0.1:99999: bad port number"),
                check.toString());
    }

    @Test
    void checkLeavesAStoreOfThePreviousReleaseAloneAndTheDaemonUpgradesItAtStart() throws IOException {
        TestInstance store = instance();
        Path fixture = Path.of("..", "test-fixtures", "store-v2", "data");
        try (var files = Files.walk(fixture)) {
            for (Path path : (Iterable<Path>) files::iterator) {
                Path target = root.resolve("d").resolve(fixture.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
        TestInstance.Result check = store.storectl("check");
        assertEquals(0, check.status(), check.toString());
        assertTrue(check.out().contains("schema version 2, upgraded to " + org.storemulti.store.Store.currentSchemaVersion()
                + " when the daemon starts"), check.toString());
        assertEquals(2, org.storemulti.store.Store.schemaVersionOf(root.resolve("d")), "check changed nothing");
        assertEquals(0, store.storectl("start").status());
        assertEquals(0, store.storectl("stop").status());
        assertEquals(org.storemulti.store.Store.currentSchemaVersion(),
                org.storemulti.store.Store.schemaVersionOf(root.resolve("d")), "the daemon upgraded it");
    }

    @Test
    void checkNamesTheOwnerOfDirectoriesHandedToAnotherUser() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can hand a directory to another user");
        instance = TestInstance.create(root);
        assertEquals(0, instance.storectl("set-permissions").status());
        UserPrincipal nobody = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(root.resolve("q/private"), nobody);

        TestInstance.Result check = instance.storectl("check");
        assertEquals(1, check.status(), check.toString());
        assertTrue(check.err().contains(root.resolve("q/private") + ": owned by nobody, not by root who runs the daemon:"
                + " run storectl as nobody, or chown root " + root.resolve("q/private")), check.toString());
        assertEquals(1, instance.storectl("start").status(), "start refuses what check refuses");
    }

    @Test
    void asRootSetPermissionsHandsTheDirectoriesToMailOwnerAndStartFgRefusesToRunAsRoot() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can hand a directory to another user");
        instance = TestInstance.create(root, "mail_owner = nobody");
        TestInstance.Result before = instance.storectl("check");
        assertTrue(before.err().contains(root.resolve("q") + ": no such directory"), before.toString());

        TestInstance.Result setup = instance.storectl("set-permissions");
        assertEquals(0, setup.status(), setup.toString());
        assertTrue(setup.out().contains("set owner of " + root.resolve("q/private") + " to nobody"), setup.toString());
        for (String dir : List.of("q", "q/pid", "q/private", "q/maildrop", "d")) {
            assertEquals("nobody", Files.getOwner(root.resolve(dir)).getName(), dir);
        }
        assertEquals(0, instance.storectl("check").status(), "the directories belong to the daemon's user");

        Files.setOwner(root.resolve("q/pid"), root.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName("root"));
        TestInstance.Result check = instance.storectl("check");
        assertTrue(check.err().contains(root.resolve("q/pid") + ": owned by root, not by nobody who runs the daemon: run"
                + " storectl -c " + instance.configDirectory() + " set-permissions (as root it hands them to nobody)"),
                check.toString());
        assertEquals(0, instance.storectl("set-permissions").status());

        TestInstance.Result foreground = instance.storectl("start-fg");
        assertEquals(1, foreground.status());
        assertTrue(foreground.err().contains("start-fg runs the daemon in this process, which cannot become nobody"
                + " (mail_owner, " + instance.mainCf() + ":4): run it as nobody"), foreground.toString());
        assertFalse(Files.exists(instance.pidFile()), "nothing started");
    }

    @Test
    void checkReportsMissingDirectoriesAndSetPermissionsFixesThem() throws IOException {
        instance = TestInstance.create(root);
        TestInstance.Result before = instance.storectl("check");
        assertEquals(1, before.status(), before.toString());
        assertTrue(before.err().contains(root.resolve("q") + ": no such directory: run storectl -c "
                + instance.configDirectory() + " set-permissions"), before.toString());

        assertEquals(0, instance.storectl("set-permissions").status());
        TestInstance.Result after = instance.storectl("check");
        assertEquals(0, after.status(), after.toString());
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve("q/private"))));
    }

    @Test
    void mailInjectedIntoTheQueueReachesTheMailboxAndFlushIsAccepted() throws Exception {
        TestInstance store = instance();
        Path data = root.resolve("d");
        try (org.storemulti.store.Store engine = org.storemulti.store.Store.open(data)) {
            engine.domains().add("example.com");
            engine.mailboxes().addUser("example.com", "joe");
        }
        assertEquals(0, store.storectl("start").status());
        QueueCommand deliver = new QueueCommand(java.time.Clock.systemUTC(), new java.io.ByteArrayInputStream(
                "Subject: queued\r\n\r\nhello\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals(0, new CommandLine(deliver.configDirectory(store.configDirectory()))
                .execute("deliver", "-f", "alice@example.org", "joe@example.com"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long messages = 0;
        while (messages == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            try (org.storemulti.store.Store engine = org.storemulti.store.Store.open(data)) {
                messages = engine.messages().status("example.com", "user/joe/INBOX").messages();
            }
        }
        assertEquals(1, messages);
        TestInstance.Result flush = store.storectl("flush");
        assertEquals(0, flush.status(), flush.toString());
        assertEquals(0, store.storectl("stop").status());
    }

    @Test
    void sigtermStopsTheDaemonGracefully() throws Exception {
        TestInstance store = instance();
        assertEquals(0, store.storectl("start").status());
        ProcessHandle daemon = ProcessHandle.of(store.daemonPid()).orElseThrow();
        daemon.destroy();
        daemon.onExit().get(10, TimeUnit.SECONDS);
        assertFalse(Files.exists(store.pidFile()), "a graceful stop removes the pid file");
        String log = Files.readString(root.resolve("q/pid/daemon.log"));
        assertTrue(log.contains("store-test/daemon[" + daemon.pid() + "]: info: termination signal: stopping gracefully"), log);
        assertTrue(log.contains("info: stopped"), log);
    }

    @Test
    void quickStopAndAbortBothLeaveTheInstanceStopped() throws Exception {
        TestInstance store = instance();
        assertEquals(0, store.storectl("start").status());
        TestInstance.Result quick = store.storectl("quick-stop");
        assertEquals(0, quick.status(), quick.toString());
        assertEquals(1, store.storectl("status").status());

        assertEquals(0, store.storectl("start").status());
        long pid = store.daemonPid();
        TestInstance.Result abort = store.storectl("abort");
        assertEquals(0, abort.status(), abort.toString());
        // the daemon is not our child: init reaps it a moment after the kill
        Optional<ProcessHandle> daemon = ProcessHandle.of(pid);
        if (daemon.isPresent()) {
            daemon.get().onExit().get(10, TimeUnit.SECONDS);
        }
        assertEquals(1, store.storectl("status").status());
        assertEquals(1, store.storectl("abort").status(), "abort of a stopped instance fails like stop");
    }

    @Test
    void aDaemonThatDiesAtStartMakesStartFailWithTheLastLogLines() throws IOException {
        TestInstance store = instance("daemon_java_options = -XX:+NoSuchJvmOption");
        TestInstance.Result start = store.storectl("start");
        assertEquals(1, start.status(), start.toString());
        assertTrue(start.err().contains("store-test/storectl: daemon log: Unrecognized VM option 'NoSuchJvmOption'"), start.toString());
        assertTrue(start.err().contains("storectl: fatal: the store instance did not start: the daemon exited before it was ready"),
                start.toString());
    }

    private static void killMinus9(long pid) throws Exception {
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        daemon.destroyForcibly();
        daemon.onExit().get(10, TimeUnit.SECONDS);
    }
}
