package org.storemulti.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.storemulti.config.ConfigException;
import org.storemulti.config.InstanceConfig;
import org.storemulti.imap.ImapSessionInfo;
import org.storemulti.log.DaemonLog;
import org.storemulti.log.LogSink;
import org.storemulti.store.Store;

/**
 * One instance's daemon: takes the data directory's lock ({@code master.lock}) and writes
 * the pid file, starts the {@link ServiceTable} under a {@link Supervisor}, waits for a
 * stop request (control socket or SIGTERM), stops the services in reverse order, removes
 * the pid file and releases the lock.
 *
 * <p>{@link #run} blocks for the daemon's life, in whatever JVM calls it: the detached
 * {@link DaemonMain} JVM or {@code storectl start-fg}.
 */
public final class Daemon implements DaemonControl {

    private final List<ServiceSpec> table;
    private final DaemonLog log;
    private final Clock clock;
    private final long pid = ProcessHandle.current().pid();
    private final Instant since;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    /** Opened once the services have started, or a stop came first: what {@link #awaitRunning} waits for. */
    private final CountDownLatch settled = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile InstanceConfig config;
    private volatile DaemonStatus.State state = DaemonStatus.State.STARTING;
    private volatile StopMode stopMode = StopMode.GRACEFUL;
    private volatile Supervisor supervisor;
    private volatile Store store;

    public Daemon(InstanceConfig config, List<ServiceSpec> table, LogSink sink, boolean verbose, Clock clock) {
        this.config = config;
        this.table = List.copyOf(table);
        this.clock = clock;
        this.since = clock.instant();
        this.log = new DaemonLog(() -> this.config.get("syslog_name"), "daemon", pid, sink, verbose);
    }

    /**
     * Runs the daemon until it is stopped. The data directory's lock comes first: while
     * another daemon holds it, this one touches nothing (no pid file, no socket).
     */
    @SuppressWarnings("try") // the lock is held for the block's duration
    public void run() throws IOException, InterruptedException {
        InstanceLayout layout = InstanceLayout.of(config);
        try {
            requireDirectory(layout.dataDirectory());
            requireDirectory(layout.pidFile().getParent());
            try (PidFile masterLock = PidFile.acquire(layout.masterLock(), pid)) {
                runLocked(layout);
            }
        } finally {
            settled.countDown();
            stopped.countDown();
        }
    }

    @SuppressWarnings("try") // the pid file is held for the block's duration
    private void runLocked(InstanceLayout layout) throws IOException, InterruptedException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "supervisor");
            thread.setDaemon(true);
            return thread;
        });
        try (PidFile pidFile = PidFile.acquire(layout.pidFile(), pid);
                Store opened = Store.open(config.dataDirectory(), clock)) {
            store = opened;
            Thread hook = new Thread(this::stopOnSignal, "sigterm");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                superviseUntilStopped(timer);
            } finally {
                removeHook(hook);
            }
        } finally {
            timer.shutdownNow();
            log.info("stopped");
        }
    }

    private void superviseUntilStopped(ScheduledExecutorService timer) throws InterruptedException {
        log.info("starting: config_directory " + config.configDirectory() + ", pid " + pid);
        supervisor = new Supervisor(table, () -> config, log, this, () -> store, clock, timer);
        supervisor.startAll();
        log.info("ready: " + String.join(" ", table.stream().map(ServiceSpec::name).toList())); // before anyone is told
        state = DaemonStatus.State.RUNNING;
        settled.countDown();
        stopRequested.await();
        state = DaemonStatus.State.STOPPING;
        log.info("stopping (" + stopMode.word() + ")");
        Thread watchdog = stopWatchdog(config.time("daemon_stop_timeout").plusSeconds(1));
        supervisor.stopAll(stopMode);
        watchdog.interrupt();
    }

    /**
     * Ends the process when the services do not stop in time: a stop must end, and the OS
     * releases the pid-file lock of a halted process.
     */
    private Thread stopWatchdog(Duration bound) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(bound.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            log.log(DaemonLog.Level.FATAL, "services did not stop within " + bound.toSeconds() + "s: halting");
            Runtime.getRuntime().halt(1);
        }, "stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        return watchdog;
    }

    private static void requireDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new DaemonException(directory + ": no such directory: run storectl set-permissions");
        }
    }

    /** SIGTERM (what systemd and {@code kill} send): a graceful stop, waited for. */
    private void stopOnSignal() {
        if (stopRequested.getCount() > 0) {
            log.info("termination signal: stopping gracefully");
        }
        requestStop(StopMode.GRACEFUL);
        Duration bound = config.time("daemon_stop_timeout").plusSeconds(2);
        try {
            stopped.await(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is what stopped us
        }
    }

    /** The daemon's own log (service {@code daemon}); its services log through {@link ServiceContext#log}. */
    public DaemonLog log() {
        return log;
    }

    @Override
    public DaemonStatus status() {
        Supervisor current = supervisor;
        return new DaemonStatus(pid, state, since, current == null ? List.of() : current.status());
    }

    @Override
    public DaemonStatus awaitRunning(Duration bound) throws InterruptedException {
        settled.await(bound.toMillis(), TimeUnit.MILLISECONDS);
        return status();
    }

    /**
     * Reopens the log file first (logrotate's postrotate runs {@code storectl reload}, and a
     * rotation must not wait for a main.cf without mistakes), then re-reads main.cf.
     */
    @Override
    public synchronized ReloadReport reload() {
        try {
            log.reopen();
        } catch (IOException e) {
            log.error("cannot reopen the log file, still writing the old one: " + DaemonLog.describe(e));
        }
        InstanceConfig fresh;
        try {
            fresh = InstanceConfig.load(config.configDirectory());
            List<String> problems = fresh.problems();
            if (!problems.isEmpty()) {
                throw new ConfigException(problems.get(0)
                        + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more; run storectl check)" : "")
                        + "; keeping the running configuration");
            }
        } catch (ConfigException e) {
            log.error("reload refused: " + e.getMessage());
            throw e;
        }
        ReloadReport report = ReloadReport.compare(config, fresh);
        config = fresh;
        supervisor.reload(fresh);
        log.info(report.summary());
        return report;
    }

    @Override
    public String flush() {
        if (!supervisor.flush()) {
            throw new DaemonException("no service of this daemon retries deferred mail");
        }
        return "flushed: deferred mail is being retried";
    }

    @Override
    public List<ImapSessionInfo> sessions() {
        Supervisor current = supervisor;
        return current == null ? List.of()
                : current.running(UserSessions.class).stream().flatMap(s -> s.sessions().stream()).toList();
    }

    @Override
    public int kick(String user) {
        Supervisor current = supervisor;
        return current == null ? 0 : current.running(UserSessions.class).stream().mapToInt(s -> s.kick(user)).sum();
    }

    @Override
    public void requestStop(StopMode mode) {
        if (stopRequested.getCount() > 0 && mode == StopMode.QUICK) {
            stopMode = mode;
        }
        stopRequested.countDown();
        settled.countDown();
    }
}
