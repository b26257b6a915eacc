package org.storemulti.packaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.storemulti.testing.InstanceSet;
import org.storemulti.testing.ProcessRun;

/**
 * A copy of this machine with systemd as its PID 1, booted in new PID, mount, UTS and IPC
 * namespaces on an overlay of the host's root whose changes live in memory
 * ({@code test-fixtures/packaging/boot-systemd} says what it sets up): a test can install a
 * package, start its units and read the journal on a host (a CI container) that does not run
 * systemd, and nothing it does reaches the host's files, services or kernel settings.
 *
 * <p>{@link #close} powers it off; should the JVM die first, the namespace dies with it
 * ({@code setpriv --pdeathsig} on {@code unshare --kill-child}).
 */
final class NamespaceMachine implements AutoCloseable {

    private static final Path BOOT = InstanceSet.checkout().resolve("test-fixtures/packaging/boot-systemd");
    private static final Duration BOOTING = Duration.ofSeconds(30);
    private static final Duration POWER_OFF = Duration.ofSeconds(30);
    /** What a root shell on a fresh machine has; none of the JVM's (Maven's) environment. */
    private static final List<String> CLEAN_ENVIRONMENT = List.of("env", "-i",
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8", "HOME=/root");

    private final Process unshare;
    private final long init;

    private NamespaceMachine(Process unshare, long init) {
        this.unshare = unshare;
        this.init = init;
    }

    /**
     * Why this machine cannot make the namespaces (not root, or a container without
     * CAP_SYS_ADMIN), if it cannot; the test is then skipped with that reason.
     */
    static Optional<String> unavailable() {
        if (!Files.isExecutable(Path.of("/lib/systemd/systemd"))) {
            return Optional.of("systemd is not installed (apt-get install systemd)");
        }
        for (String tool : List.of("unshare", "nsenter", "setpriv")) {
            if (ProcessRun.onPath(tool).isEmpty()) {
                return Optional.of(tool + " is not installed (apt-get install util-linux)");
            }
        }
        ProcessRun probe = ProcessRun.run(List.of("unshare", "--pid", "--mount", "--fork", "--mount-proc", "true"),
                Map.of(), Duration.ofSeconds(30));
        return probe.exit() == 0 ? Optional.empty()
                : Optional.of("this machine cannot make PID and mount namespaces: " + probe.err().strip());
    }

    /** Boots it, with {@code layers} (an empty directory) as the mount point of its changes; returns once systemd is up. */
    static NamespaceMachine boot(Path layers, Path log) throws IOException, InterruptedException {
        Process unshare = new ProcessBuilder("setpriv", "--pdeathsig", "KILL",
                "unshare", "--pid", "--mount", "--uts", "--ipc", "--fork", "--kill-child",
                "sh", BOOT.toString(), layers.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        unshare.getOutputStream().close();
        long init;
        try {
            init = awaitSystemd(unshare, log);
        } catch (AssertionError | IOException | RuntimeException | InterruptedException e) {
            unshare.destroyForcibly(); // --kill-child: whatever the namespace holds goes with it
            unshare.waitFor(POWER_OFF.toMillis(), TimeUnit.MILLISECONDS);
            throw e;
        }
        NamespaceMachine machine = new NamespaceMachine(unshare, init);
        try {
            String state = machine.run("systemctl", "is-system-running", "--wait").out().strip();
            assertTrue(state.equals("running") || state.equals("degraded"), "systemd is " + state);
            return machine;
        } catch (AssertionError | RuntimeException e) {
            machine.close();
            throw e;
        }
    }

    /**
     * The namespace's PID 1 (as the host numbers it), once it is systemd and listens: only
     * after the boot script moved into the copy does it exec systemd, so from then on
     * {@code /proc/PID/root} is the copy.
     */
    private static long awaitSystemd(Process unshare, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + BOOTING.toNanos();
        while (true) {
            Optional<Long> init = unshare.toHandle().children().findFirst().map(ProcessHandle::pid);
            if (init.isPresent() && systemdRunsIn(init.get())
                    && Files.exists(Path.of("/proc", init.get().toString(), "root/run/systemd/private"))) {
                return init.get();
            }
            assertTrue(unshare.isAlive(), "the namespace ended while booting:\n" + Files.readString(log));
            assertTrue(System.nanoTime() < deadline, "systemd did not come up in " + BOOTING.toSeconds() + " s:\n"
                    + Files.readString(log));
            unshare.waitFor(50, TimeUnit.MILLISECONDS);
        }
    }

    private static boolean systemdRunsIn(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip().equals("systemd");
        } catch (IOException e) {
            return false; // not started yet, or gone: the loop looks again or reports the end
        }
    }

    /** Runs {@code command} inside, as root with a clean environment, bounded by {@code bound}. */
    ProcessRun run(Duration bound, String... command) {
        List<String> inside = new ArrayList<>(List.of("nsenter", "--target", Long.toString(init),
                "--mount", "--uts", "--ipc", "--pid", "--root", "--wd"));
        inside.addAll(CLEAN_ENVIRONMENT);
        inside.addAll(List.of(command));
        return ProcessRun.run(inside, Map.of(), bound);
    }

    /** Runs {@code command} inside, bounded by a minute. */
    ProcessRun run(String... command) {
        return run(Duration.ofMinutes(1), command);
    }

    /** {@code path} inside, as the host reaches it. */
    Path path(String path) {
        return Path.of("/proc", Long.toString(init), "root").resolve(path.replaceFirst("^/+", ""));
    }

    /** Powers off (systemd stops every unit); if that does not end it in time, kills the namespace. */
    @Override
    public void close() throws InterruptedException {
        if (unshare.isAlive()) {
            ProcessRun.run(List.of("/bin/kill", "-s", "RTMIN+4", Long.toString(init)), Map.of(), Duration.ofSeconds(10));
            if (!unshare.waitFor(POWER_OFF.toMillis(), TimeUnit.MILLISECONDS)) {
                unshare.destroyForcibly(); // --kill-child: the namespace's PID 1 gets SIGKILL, and so does all in it
                unshare.waitFor(POWER_OFF.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        assertTrue(!unshare.isAlive(), "the namespace's systemd is still running: kill " + unshare.pid());
    }
}
