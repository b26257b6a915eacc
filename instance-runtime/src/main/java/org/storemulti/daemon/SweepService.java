package org.storemulti.daemon;

import java.time.Duration;
import java.util.List;

import org.storemulti.config.InstanceConfig;
import org.storemulti.store.error.StoreException;
import org.storemulti.store.tools.Problem;

/**
 * The sweeper: at start-up and then every {@code sweep_interval}, removes the crash
 * leftovers among the message files (temp files of interrupted writes, files no index row
 * references) that are older than every write still in flight, so {@code storeadm db
 * verify} is clean after a crash and a restart. One log line per file removed. A reload
 * starts the new interval from now.
 */
final class SweepService implements Service {

    private final ServiceContext context;
    private Periodic timer;

    SweepService(ServiceContext context) {
        this.context = context;
    }

    @Override
    public void start() {
        timer = Periodic.start("sweep", Duration.ZERO, context.config().time("sweep_interval"), this::sweep);
    }

    /** A new {@code sweep_interval} counts from now (until this, a reload reported it applied and it was not). */
    @Override
    public void reload(InstanceConfig config) {
        stop(StopMode.QUICK);
        Duration every = config.time("sweep_interval");
        timer = Periodic.start("sweep", every, every, this::sweep);
    }

    private void sweep() {
        try {
            List<Problem> removed = context.store().tools().sweep();
            removed.forEach(p -> context.log().info("removed " + p.kind().label() + " " + p.where() + ": " + p.detail()));
        } catch (StoreException e) {
            context.failed(e);
        }
    }

    @Override
    public void stop(StopMode mode) {
        if (timer != null) {
            timer.stop();
        }
    }
}
