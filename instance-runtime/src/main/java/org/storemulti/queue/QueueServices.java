package org.storemulti.queue;

import java.io.IOException;
import java.time.Clock;

import org.storemulti.config.InstanceConfig;
import org.storemulti.lmtp.MailDrop;
import org.storemulti.log.DaemonLog;

/**
 * The queue's two daemon services for one instance, wired together: {@link Pickup} wakes
 * the {@link QueueManager} when it moves mail in. Start them in the order
 * {@link #start()} uses (manager first: it requeues crash leftovers before new mail
 * arrives); stop in reverse. The daemon's one handle on the queue: its parts stay package-private.
 */
public final class QueueServices {

    private final Pickup pickup;
    private final QueueManager manager;

    private QueueServices(Pickup pickup, QueueManager manager) {
        this.pickup = pickup;
        this.manager = manager;
    }

    /** The services of the instance {@code config} describes, delivering into {@code drop}, logging to {@code log}. */
    public static QueueServices create(InstanceConfig config, MailDrop drop, Clock clock, DaemonLog log) {
        QueueManager manager = QueueManager.create(config, drop, clock, log);
        QueueDirectories queue = QueueDirectories.of(config.queueDirectory());
        return new QueueServices(new Pickup(queue, config.time("queue_poll_interval"), manager::wake, log), manager);
    }

    /** Starts the queue manager, then pickup. */
    public void start() throws IOException {
        manager.start();
        pickup.start();
    }

    /** {@code storectl flush}: retries every deferred message now (see {@link QueueManager#flush()}). */
    public void flush() throws IOException {
        manager.flush();
    }

    /** Stops pickup, then the queue manager. */
    public void stop() throws InterruptedException {
        pickup.stop();
        manager.stop();
    }
}
