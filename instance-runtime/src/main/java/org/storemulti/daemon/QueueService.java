package org.storemulti.daemon;

import java.time.Clock;

import org.storemulti.delivery.StoreMailDrop;
import org.storemulti.queue.QueueServices;

/**
 * The queue row: pickup (maildrop → incoming) and the queue manager, which delivers
 * through the same store path as LMTP and retries deferred mail. {@code storectl flush}
 * reaches it through {@link #flush}.
 */
public final class QueueService implements Service {

    private final ServiceContext context;
    private QueueServices queue;

    public QueueService(ServiceContext context) {
        this.context = context;
    }

    @Override
    public void start() throws Exception {
        queue = QueueServices.create(context.config(),
                StoreMailDrop.forInstance(context.store(), context.config()), Clock.systemUTC());
        queue.start();
    }

    @Override
    public void stop(StopMode mode) throws Exception {
        if (queue != null) {
            queue.stop();
        }
    }

    @Override
    public boolean flush() {
        try {
            queue.manager().flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("flush: " + e.getMessage(), e);
        }
        return true;
    }
}
