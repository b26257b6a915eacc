package org.storemulti.imap.session;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.storemulti.store.change.ChangeFeed;
import org.storemulti.store.change.MailboxChange;
import org.storemulti.store.error.StoreException;

/**
 * Tells the sessions that have a mailbox selected when it changes: one subscription to the
 * engine's change feed for the whole server (commits of this process: an LMTP delivery,
 * another session, reach a session within the commit's latency), and while any session has
 * a mailbox selected, a {@link ChangeFeed#poll()} every {@link #POLL_INTERVAL} for commits of
 * other processes (storeadm, a sync).
 *
 * <p>Why one second: a poll is one query over the mailbox table (the mailboxes whose highest
 * modseq passed the last one seen), a fraction of a millisecond for a few thousand mailboxes
 * and never more than one per server, so its cost is negligible; a second is within what a
 * user waiting for an administrator's or a sync's change notices, and far shorter than
 * the minutes clients wait between NOOPs. In-process changes never wait for it.
 *
 * <p>Listeners run on the committing thread: they only note the change and hand work to
 * their session ({@code Wire.execute}).
 */
final class MailboxUpdates {

    /** How often other processes' commits are looked for while a mailbox is selected. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private final ChangeFeed feed;
    private final Consumer<String> log;
    private final Map<String, Set<Consumer<MailboxChange>>> watchers = new ConcurrentHashMap<>();
    private int watching;
    private AutoCloseable subscription;
    private ScheduledExecutorService poller;
    private boolean pollFailing;

    MailboxUpdates(ChangeFeed feed, Consumer<String> log) {
        this.feed = feed;
        this.log = log;
    }

    /** Calls {@code listener} for each change of the mailbox with {@code guid} until the returned handle is closed. */
    AutoCloseable watch(String guid, Consumer<MailboxChange> listener) {
        watchers.compute(guid, (g, set) -> {
            Set<Consumer<MailboxChange>> listeners = set == null ? new CopyOnWriteArraySet<>() : set;
            listeners.add(listener);
            return listeners;
        });
        started();
        return () -> {
            boolean[] removed = {false};
            watchers.computeIfPresent(guid, (g, set) -> {
                removed[0] = set.remove(listener);
                return set.isEmpty() ? null : set;
            });
            if (removed[0]) {
                stopped();
            }
        };
    }

    private synchronized void started() {
        if (watching++ > 0) {
            return;
        }
        subscription = feed.subscribe(this::tell);
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "imap-change-poll");
            thread.setDaemon(true);
            return thread;
        });
        poller.execute(this::poll); // the first poll sets the starting point
        poller.scheduleWithFixedDelay(this::poll, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private synchronized void stopped() {
        if (--watching > 0) {
            return;
        }
        poller.shutdownNow();
        poller = null;
        try {
            subscription.close();
        } catch (Exception e) {
            log.accept("imap: cannot leave the change feed: " + e);
        }
        subscription = null;
    }

    private void tell(MailboxChange change) {
        Set<Consumer<MailboxChange>> set = watchers.get(change.guid());
        if (set != null) {
            set.forEach(listener -> listener.accept(change));
        }
    }

    private void poll() {
        try {
            feed.poll();
            pollFailing = false;
        } catch (StoreException e) {
            if (!pollFailing) {
                log.accept("imap: cannot look for other processes' changes: " + e.getMessage());
            }
            pollFailing = true;
        }
    }
}
