package org.storemulti.queue;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;

import org.storemulti.log.DaemonLog;

/**
 * The daemon's pickup service: checks each complete file in {@code maildrop/} and moves
 * it to {@code incoming/}, or to {@code corrupt/} when it cannot be parsed, is damaged
 * or names another ID than its file name. Then wakes the queue manager.
 *
 * <p>A plain service for the daemon's supervisor: {@link #start()} runs a background
 * loop every {@code queue_poll_interval}; {@link #runOnce()} is one pass, for tests and
 * for callers that drive it themselves.
 */
final class Pickup {

    private final QueueDirectories queue;
    private final Runnable afterPickup;
    private final PollingLoop loop;
    private final DaemonLog log;

    /**
     * @param afterPickup called after a pass that moved mail in, e.g. {@link QueueManager#wake()}
     * @param log where quarantined files are reported
     */
    public Pickup(QueueDirectories queue, Duration pollInterval, Runnable afterPickup, DaemonLog log) {
        this.queue = queue;
        this.afterPickup = afterPickup;
        this.log = log;
        this.loop = new PollingLoop("queue-pickup", pollInterval, this::runOnce, log);
    }

    /** Creates the queue directories if needed and starts the background loop. */
    public void start() throws IOException {
        queue.create();
        loop.start();
    }

    /** Stops the loop after its current pass. */
    public void stop() throws InterruptedException {
        loop.stop();
    }

    /** Looks at maildrop now instead of after the interval. */
    public void wake() {
        loop.wake();
    }

    /** One pass over maildrop; returns how many files it moved to incoming. */
    public int runOnce() throws IOException {
        int picked = 0;
        for (QueueLocation found : queue.list(QueueState.MAILDROP)) {
            try {
                QueuedMessage message = QueueFile.read(found.path());
                if (!message.id().equals(found.id())) {
                    throw new QueueFileException(found.path(), "file holds queue ID " + message.id());
                }
                queue.move(found, QueueState.INCOMING);
                picked++;
            } catch (QueueFileException e) {
                quarantine(found, e);
            } catch (NoSuchFileException e) {
                log.debug(found.id() + ": gone from maildrop before pickup");
            }
        }
        if (picked > 0) {
            afterPickup.run();
        }
        return picked;
    }

    private void quarantine(QueueLocation found, QueueFileException why) throws IOException {
        log.warning(found.id() + ": moved to corrupt: " + why.getMessage());
        try {
            queue.move(found, QueueState.CORRUPT);
        } catch (NoSuchFileException e) {
            log.debug(found.id() + ": gone from maildrop before quarantine");
        }
    }
}
