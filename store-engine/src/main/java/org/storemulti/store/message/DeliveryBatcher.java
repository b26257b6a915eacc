package org.storemulti.store.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Group commit for concurrent deliveries. Each caller writes and fsyncs its own message
 * file in parallel, then queues it; whichever caller finds no commit running becomes the
 * leader, takes everything queued, and commits it with one directory sync per directory
 * and one transaction. Every caller returns only after the commit that covers its
 * delivery, so a returned {@link DeliveryResult.Stored} is durable.
 *
 * <p>SQLite does not batch commits by itself; this is where batching happens. Thread-safe.
 */
public final class DeliveryBatcher {

    private final Deliverer deliverer;
    private final Object lock = new Object();
    private List<Slot> queue = new ArrayList<>();
    private boolean committing;
    private long commits;

    public DeliveryBatcher(Deliverer deliverer) {
        this.deliverer = deliverer;
    }

    /** Stores one delivery; blocks until it is durable or refused. */
    public DeliveryResult deliver(Delivery delivery) {
        return deliver(List.of(delivery)).get(0);
    }

    /**
     * Stores the deliveries of one message transaction (one content to N recipients is
     * written once) in the same group commit; blocks until they are durable or refused.
     * One result per delivery, in order.
     */
    public List<DeliveryResult> deliver(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return List.of();
        }
        return commit(deliverer.stage(deliveries));
    }

    /** Commits deliveries whose files are written (an append) in the next group commit; blocks until done. */
    List<DeliveryResult> commit(List<Deliverer.Pending> pending) {
        List<Slot> mine = pending.stream().map(Slot::new).toList();
        synchronized (lock) {
            queue.addAll(mine);
        }
        Slot last = mine.get(mine.size() - 1);
        while (true) {
            List<Slot> batch;
            synchronized (lock) {
                while (last.result == null && committing) {
                    waitForCommit();
                }
                if (last.result != null) {
                    return mine.stream().map(slot -> slot.result).toList();
                }
                committing = true;
                batch = queue;
                queue = new ArrayList<>();
            }
            commitBatch(batch);
        }
    }

    /** How many group commits have run (for benchmarks and tests). */
    public long commits() {
        synchronized (lock) {
            return commits;
        }
    }

    private void commitBatch(List<Slot> batch) {
        List<DeliveryResult> results = null;
        try {
            results = deliverer.commit(batch.stream().map(s -> s.pending).toList());
        } finally {
            synchronized (lock) {
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).result = results != null ? results.get(i)
                            : new DeliveryResult.TemporaryFailure("group commit failed");
                }
                committing = false;
                commits++;
                lock.notifyAll();
            }
        }
    }

    private void waitForCommit() {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a group commit", e);
        }
    }

    private static final class Slot {
        final Deliverer.Pending pending;
        DeliveryResult result;

        Slot(Deliverer.Pending pending) {
            this.pending = pending;
        }
    }
}
