package org.storemulti.daemon;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A task a service runs on a thread of its own: first after {@code first}, then every
 * {@code every} after the previous run ended (at least a second, so a zero never spins).
 */
final class Periodic {

    private final ScheduledExecutorService timer;

    private Periodic(String name) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    static Periodic start(String name, Duration first, Duration every, Runnable task) {
        Periodic periodic = new Periodic(name);
        periodic.timer.scheduleWithFixedDelay(task, first.toMillis(), Math.max(1000, every.toMillis()),
                TimeUnit.MILLISECONDS);
        return periodic;
    }

    void stop() {
        timer.shutdownNow();
    }
}
