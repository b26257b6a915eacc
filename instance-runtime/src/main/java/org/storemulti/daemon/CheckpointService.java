package org.storemulti.daemon;

import java.time.Duration;

import org.storemulti.config.InstanceConfig;

/**
 * The checkpointer: every {@code checkpoint_interval} folds the store database's
 * write-ahead log back into the database ({@code storeadm db checkpoint} does it once),
 * so the log stays short and a restart recovers quickly. A reload starts the interval over.
 */
final class CheckpointService implements Service {

    private final ServiceContext context;
    private Periodic timer;

    public CheckpointService(ServiceContext context) {
        this.context = context;
    }

    @Override
    public void start() {
        Duration every = context.config().time("checkpoint_interval");
        timer = Periodic.start("checkpoint", every, every, this::checkpoint);
    }

    /** A new {@code checkpoint_interval} counts from now. */
    @Override
    public void reload(InstanceConfig config) {
        stop(StopMode.QUICK);
        start();
    }

    private void checkpoint() {
        try {
            context.log().info("checkpoint: " + context.store().tools().checkpoint());
        } catch (RuntimeException e) {
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
