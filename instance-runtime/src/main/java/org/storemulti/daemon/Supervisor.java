package org.storemulti.daemon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.storemulti.config.InstanceConfig;
import org.storemulti.log.DaemonLog;
import org.storemulti.store.Store;

/**
 * Runs the services of a {@link ServiceTable} in table order and stops them in reverse.
 * A service whose start throws, or that reports {@link ServiceContext#failed}, is logged,
 * stopped and replaced by a fresh instance after a back-off (first {@code daemon_restart_delay},
 * doubling while it keeps failing, at most {@link #MAX_DELAY}); the others keep running.
 */
final class Supervisor {

    /** Longest wait before a restart. */
    public static final Duration MAX_DELAY = Duration.ofSeconds(60);
    /** Shortest wait before a restart, so a service that fails at once cannot spin. */
    public static final Duration MIN_DELAY = Duration.ofMillis(200);

    private final List<Supervised> services = new ArrayList<>();
    private final Supplier<InstanceConfig> config;
    private final DaemonLog log;
    private final DaemonControl daemon;
    private final Supplier<Store> store;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private volatile boolean stopping;

    public Supervisor(List<ServiceSpec> table, Supplier<InstanceConfig> config, DaemonLog log,
            DaemonControl daemon, Supplier<Store> store, Clock clock, ScheduledExecutorService timer) {
        this.store = store;
        table.forEach(spec -> services.add(new Supervised(spec, clock.instant())));
        this.config = config;
        this.log = log;
        this.daemon = daemon;
        this.clock = clock;
        this.timer = timer;
    }

    /** Starts every service in table order; a failed start is logged and retried later. */
    public void startAll() {
        services.forEach(this::start);
    }

    private void start(Supervised s) {
        Service service;
        long generation;
        synchronized (s) {
            if (stopping) {
                return;
            }
            generation = ++s.generation;
            service = s.spec.factory().apply(context(s, generation));
            if (!service.wanted()) {
                s.set(ServiceStatus.State.OFF, clock.instant());
                log.info("service " + s.spec.name() + " is off");
                return;
            }
            s.instance = service;
            s.set(ServiceStatus.State.STARTING, clock.instant());
        }
        try {
            service.start();
        } catch (Exception | LinkageError e) {
            failed(s, generation, e);
            return;
        }
        synchronized (s) {
            if (s.generation == generation && s.state == ServiceStatus.State.STARTING) {
                s.set(ServiceStatus.State.RUNNING, clock.instant());
                log.info("service " + s.spec.name() + " started");
            }
        }
    }

    private ServiceContext context(Supervised s, long generation) {
        return new ServiceContext(s.spec.name(), config, log.forService(s.spec.name()), daemon,
                failure -> failed(s, generation, failure), store, clock);
    }

    private void failed(Supervised s, long generation, Throwable failure) {
        Service broken;
        Duration delay;
        synchronized (s) {
            if (stopping || s.generation != generation || s.state == ServiceStatus.State.FAILED) {
                return;
            }
            broken = s.instance;
            s.instance = null;
            s.restarts++;
            s.lastFailure = DaemonLog.describe(failure);
            delay = s.nextDelay(firstDelay(), clock.instant());
            s.set(ServiceStatus.State.FAILED, clock.instant());
        }
        log.error("service " + s.spec.name() + " failed: " + s.lastFailure + "; restarting in " + delay.toMillis() + " ms");
        timer.execute(() -> stopQuietly(s.spec.name(), broken, StopMode.QUICK));
        timer.schedule(() -> start(s), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Duration firstDelay() {
        Duration configured = config.get().time("daemon_restart_delay");
        return configured.compareTo(MIN_DELAY) < 0 ? MIN_DELAY : configured;
    }

    /** Stops every service in reverse table order; no restarts happen afterwards. */
    public void stopAll(StopMode mode) {
        stopping = true;
        for (int i = services.size() - 1; i >= 0; i--) {
            Supervised s = services.get(i);
            Service running;
            synchronized (s) {
                running = s.instance;
                s.instance = null;
                s.set(ServiceStatus.State.STOPPED, clock.instant());
            }
            stopQuietly(s.spec.name(), running, mode);
        }
    }

    private void stopQuietly(String name, Service service, StopMode mode) {
        if (service == null) {
            return;
        }
        try {
            service.stop(mode);
            log.debug("service " + name + " stopped (" + mode.word() + ")");
        } catch (Exception | LinkageError e) {
            log.warning("service " + name + ": stop failed: " + DaemonLog.describe(e));
        }
    }

    /** Passes a checked, re-read configuration to every running service. */
    public void reload(InstanceConfig newConfig) {
        for (Supervised s : services) {
            Service running;
            long generation;
            synchronized (s) {
                running = s.state == ServiceStatus.State.RUNNING ? s.instance : null;
                generation = s.generation;
            }
            if (running != null) {
                try {
                    running.reload(newConfig);
                } catch (Exception | LinkageError e) {
                    failed(s, generation, e);
                }
            }
        }
    }

    /** Asks every running service to flush; whether any had something to flush. */
    public boolean flush() {
        boolean any = false;
        for (Supervised s : services) {
            Service running;
            synchronized (s) {
                running = s.state == ServiceStatus.State.RUNNING ? s.instance : null;
            }
            any |= running != null && running.flush();
        }
        return any;
    }

    /** The running services that are {@code kind}, in table order. */
    public <T> List<T> running(Class<T> kind) {
        List<T> found = new ArrayList<>();
        for (Supervised s : services) {
            synchronized (s) {
                if (s.state == ServiceStatus.State.RUNNING && kind.isInstance(s.instance)) {
                    found.add(kind.cast(s.instance));
                }
            }
        }
        return found;
    }

    /** Every service's state, in table order. */
    public List<ServiceStatus> status() {
        List<ServiceStatus> all = new ArrayList<>();
        for (Supervised s : services) {
            synchronized (s) {
                all.add(new ServiceStatus(s.spec.name(), s.state, s.since, s.restarts, s.lastFailure));
            }
        }
        return List.copyOf(all);
    }

    /** Mutable book-keeping for one table row; guarded by its own monitor. */
    private static final class Supervised {
        final ServiceSpec spec;
        Service instance;
        long generation;
        ServiceStatus.State state = ServiceStatus.State.STOPPED;
        Instant since;
        Instant runningSince;
        int restarts;
        int failuresInARow;
        String lastFailure;

        Supervised(ServiceSpec spec, Instant now) {
            this.spec = spec;
            this.since = now;
        }

        void set(ServiceStatus.State newState, Instant now) {
            state = newState;
            since = now;
            if (newState == ServiceStatus.State.RUNNING) {
                runningSince = now;
            }
        }

        /** Doubles per failure in a row; a service that ran for {@link #MAX_DELAY} starts over. */
        Duration nextDelay(Duration first, Instant now) {
            if (state == ServiceStatus.State.RUNNING && runningSince != null
                    && Duration.between(runningSince, now).compareTo(MAX_DELAY) >= 0) {
                failuresInARow = 0;
            }
            Duration delay = first.multipliedBy(1L << Math.min(failuresInARow, 16));
            failuresInARow++;
            return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
        }
    }
}
