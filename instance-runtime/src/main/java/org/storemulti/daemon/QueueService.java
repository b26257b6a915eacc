package org.storemulti.daemon;

import org.storemulti.config.InstanceConfig;
import org.storemulti.delivery.StoreMailDrop;
import org.storemulti.log.MailLog;
import org.storemulti.queue.QueueServices;

/**
 * The queue row: pickup (maildrop → incoming) and the queue manager, which delivers
 * through the same store path as LMTP and retries deferred mail. {@code storectl flush}
 * reaches it through {@link #flush}.
 */
final class QueueService implements Service {

    private final ServiceContext context;
    private QueueServices queue;

    public QueueService(ServiceContext context) {
        this.context = context;
    }

    @Override
    public void start() throws Exception {
        queue = QueueServices.create(context.config(),
                StoreMailDrop.forInstance(context.store(), context.config(), new MailLog(context.log())), context.clock(),
                context.log());
        queue.start();
    }

    /**
     * Stops pickup and the queue manager after the message in hand and starts them again
     * with the new settings (retry times, poll interval, delivery settings); the queue
     * itself is on disk, so nothing waits longer than one message.
     */
    @Override
    public void reload(InstanceConfig config) throws Exception {
        stop(StopMode.GRACEFUL);
        start();
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
            queue.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("flush: " + e.getMessage(), e);
        }
        return true;
    }
}
