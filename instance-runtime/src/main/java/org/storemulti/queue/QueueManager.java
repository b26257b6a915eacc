package org.storemulti.queue;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.storemulti.config.InstanceConfig;
import org.storemulti.fs.AtomicFile;
import org.storemulti.lmtp.Envelope;
import org.storemulti.lmtp.MailDrop;
import org.storemulti.lmtp.Reply;

/**
 * The daemon's queue manager: delivers mail from {@code incoming/} and due mail from
 * {@code deferred/} through the same {@link MailDrop} the LMTP service uses.
 *
 * <p>Per message: move it to {@code active/}; ask {@link MailDrop#checkRecipient} for each
 * remaining recipient, then {@link MailDrop#deliver} for those accepted, with the trace
 * headers the LMTP service adds ({@code Return-Path:}, and {@code Delivered-To:} when one
 * recipient is delivered). 2xx: delivered;
 * 5xx: that recipient is dropped and logged (no bounce is sent: the store is the final
 * destination and the queue has no way to send mail); 4xx (or a MailDrop that throws or
 * answers the wrong number of replies): the recipient stays. With no recipient left the
 * file is removed. Otherwise the envelope is rewritten in place (remaining recipients,
 * attempt count + 1, next attempt after the {@link RetryPolicy} back-off, last error) and
 * the file renamed to {@code deferred/}.
 *
 * <p><b>Giving up.</b> When an attempt fails temporarily and the message's age has
 * reached {@code maximal_queue_lifetime}, the message is not retried: it is moved to
 * {@code corrupt/} with last error {@code "expired after N attempts: ..."} and logged,
 * never silently dropped. An administrator can inspect it there, delete it, or
 * {@code requeue} it for one more attempt.
 *
 * <p><b>At-least-once.</b> On {@link #start()} every file left in {@code active/} (a crash
 * mid-delivery) is moved back to {@code incoming/} and delivered again, so a recipient
 * whose delivery succeeded just before the crash can get the message twice; no accepted
 * message is ever lost.
 */
public final class QueueManager {

    private static final System.Logger LOG = System.getLogger(QueueManager.class.getName());

    private final QueueDirectories queue;
    private final MailDrop drop;
    private final RetryPolicy policy;
    private final Clock clock;
    private final PollingLoop loop;
    private Instant nextDeferredScan = Instant.MIN;

    public QueueManager(QueueDirectories queue, MailDrop drop, RetryPolicy policy, Clock clock, Duration pollInterval) {
        this.queue = queue;
        this.drop = drop;
        this.policy = policy;
        this.clock = clock;
        this.loop = new PollingLoop("queue-manager", pollInterval, this::runOnce);
    }

    /** The queue manager of the instance {@code config} describes. */
    public static QueueManager create(InstanceConfig config, MailDrop drop, Clock clock) {
        return new QueueManager(QueueDirectories.of(config.queueDirectory()), drop, RetryPolicy.from(config),
                clock, config.time("queue_poll_interval"));
    }

    /** Requeues crash leftovers from {@code active/}, then starts the background loop. */
    public void start() throws IOException {
        queue.create();
        recoverActive();
        loop.start();
    }

    /** Stops after the message being delivered. */
    public void stop() throws InterruptedException {
        loop.stop();
    }

    /** Looks for work now instead of after the poll interval. */
    public void wake() {
        loop.wake();
    }

    /**
     * Makes all deferred mail due now: moves it to {@code incoming/} (keeping its attempt
     * count) and wakes the loop. Returns how many messages it moved. {@code storectl flush}
     * and {@code queue flush} do the same through {@link QueueAdmin#flush()}.
     */
    public int flush() throws IOException {
        int moved = new QueueAdmin(queue).flush();
        wake();
        return moved;
    }

    /** Moves every file in {@code active/} back to {@code incoming/}; returns how many. */
    int recoverActive() throws IOException {
        int moved = 0;
        for (QueueLocation left : queue.list(QueueState.ACTIVE)) {
            try {
                queue.move(left, QueueState.INCOMING);
                LOG.log(Level.INFO, left.id() + ": requeued after interrupted delivery");
                moved++;
            } catch (NoSuchFileException e) {
                // moved by someone else meanwhile
            }
        }
        return moved;
    }

    /** One pass: all of incoming, then deferred mail that is due. Returns the outcomes. */
    synchronized List<DeliveryOutcome> runOnce() throws IOException {
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        for (QueueLocation in : queue.list(QueueState.INCOMING)) {
            outcomes.add(attempt(in));
        }
        Instant now = clock.instant();
        if (!now.isBefore(nextDeferredScan)) {
            Instant earliest = now.plus(policy.queueRunDelay());
            for (QueueLocation deferred : queue.list(QueueState.DEFERRED)) {
                Instant due;
                try {
                    due = QueueFile.readEnvelope(deferred.path()).nextAttempt();
                } catch (QueueFileException e) {
                    outcomes.add(quarantine(deferred, e.getMessage()));
                    continue;
                } catch (NoSuchFileException e) {
                    continue;
                }
                if (!due.isAfter(now)) {
                    outcomes.add(attempt(deferred));
                } else if (due.isBefore(earliest)) {
                    earliest = due;
                }
            }
            nextDeferredScan = earliest;
        }
        return outcomes;
    }

    /** Moves one message to active and tries to deliver it. */
    DeliveryOutcome attempt(QueueLocation location) throws IOException {
        QueueLocation active;
        try {
            active = queue.move(location, QueueState.ACTIVE);
        } catch (NoSuchFileException e) {
            return DeliveryOutcome.GONE;
        }
        QueuedMessage message;
        try {
            message = QueueFile.read(active.path());
            if (!message.id().equals(active.id())) {
                throw new QueueFileException(active.path(), "file holds queue ID " + message.id());
            }
        } catch (QueueFileException e) {
            return quarantine(active, e.getMessage());
        } catch (NoSuchFileException e) {
            return DeliveryOutcome.GONE;
        }
        try {
            return deliver(active, message);
        } catch (IOException e) {
            return putBack(active, e);
        }
    }

    /**
     * After an I/O error mid-attempt (disk full while rewriting the envelope), moves the
     * file unchanged from active to deferred so the next pass retries it rather than
     * leaving it in active until a restart. Recipients already delivered get it again.
     */
    private DeliveryOutcome putBack(QueueLocation active, IOException why) {
        LOG.log(Level.ERROR, active.id() + ": delivery attempt failed: " + why.getMessage(), why);
        try {
            queue.move(active, QueueState.DEFERRED);
        } catch (IOException e) {
            LOG.log(Level.ERROR, active.id() + ": left in active until restart: " + e.getMessage());
        }
        return DeliveryOutcome.DEFERRED;
    }

    private DeliveryOutcome deliver(QueueLocation active, QueuedMessage message) throws IOException {
        QueueEnvelope envelope = message.envelope();
        List<String> accepted = new ArrayList<>();
        List<String> remaining = new ArrayList<>();
        String lastError = "";
        for (String rcpt : envelope.recipients()) {
            Reply reply = check(rcpt);
            if (reply.positive()) {
                accepted.add(rcpt);
            } else if (reply.temporary()) {
                remaining.add(rcpt);
                lastError = rcpt + ": " + reply.line();
            } else {
                LOG.log(Level.WARNING, envelope.id() + ": <" + rcpt + "> refused, dropped: " + reply.line());
            }
        }
        if (!accepted.isEmpty()) {
            List<Reply> replies = store(envelope, accepted, message.message());
            for (int i = 0; i < accepted.size(); i++) {
                String rcpt = accepted.get(i);
                Reply reply = replies.get(i);
                if (reply.positive()) {
                    LOG.log(Level.INFO, envelope.id() + ": <" + rcpt + "> delivered: " + reply.line());
                } else if (reply.temporary()) {
                    remaining.add(rcpt);
                    lastError = rcpt + ": " + reply.line();
                } else {
                    LOG.log(Level.WARNING, envelope.id() + ": <" + rcpt + "> refused, dropped: " + reply.line());
                }
            }
        }
        if (remaining.isEmpty()) {
            queue.delete(active.path());
            LOG.log(Level.INFO, envelope.id() + ": removed");
            return DeliveryOutcome.DONE;
        }
        Instant now = clock.instant();
        QueueEnvelope next = envelope.deferred(remaining,
                now.plus(policy.delayAfter(envelope.attempts() + 1)), lastError);
        if (policy.expired(envelope.arrival(), now)) {
            next = next.withLastError("expired after " + next.attempts() + " attempts: " + lastError);
            return rewriteAndMove(active, next, message.message(), QueueState.CORRUPT);
        }
        DeliveryOutcome outcome = rewriteAndMove(active, next, message.message(), QueueState.DEFERRED);
        synchronized (this) {
            if (next.nextAttempt().isBefore(nextDeferredScan)) {
                nextDeferredScan = next.nextAttempt();
            }
        }
        return outcome;
    }

    private DeliveryOutcome rewriteAndMove(QueueLocation active, QueueEnvelope envelope, byte[] message,
            QueueState to) throws IOException {
        AtomicFile.write(active.path(), QueueFile.encode(envelope, message));
        try {
            queue.move(active, to);
        } catch (NoSuchFileException e) {
            return DeliveryOutcome.GONE;
        }
        Level level = to == QueueState.CORRUPT ? Level.ERROR : Level.INFO;
        LOG.log(level, envelope.id() + ": " + (to == QueueState.CORRUPT ? "given up, moved to corrupt: " : "deferred until "
                + envelope.nextAttempt() + ": ") + envelope.lastError());
        return to == QueueState.CORRUPT ? DeliveryOutcome.QUARANTINED : DeliveryOutcome.DEFERRED;
    }

    private Reply check(String rcpt) {
        try {
            return drop.checkRecipient(rcpt);
        } catch (RuntimeException e) {
            return new Reply(451, "4.3.0", "recipient check failed: " + e);
        }
    }

    private List<Reply> store(QueueEnvelope envelope, List<String> accepted, byte[] message) {
        List<Reply> replies;
        try {
            Envelope lmtp = new Envelope(envelope.sender(), accepted);
            replies = drop.deliver(lmtp, lmtp.withTraceHeaders(message));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, envelope.id() + ": store failed: " + e, e);
            return failAll(accepted.size(), "store failed: " + e);
        }
        if (replies == null || replies.size() != accepted.size()) {
            return failAll(accepted.size(), "store answered " + (replies == null ? 0 : replies.size())
                    + " replies for " + accepted.size() + " recipients");
        }
        return replies;
    }

    private static List<Reply> failAll(int n, String why) {
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            replies.add(new Reply(451, "4.3.0", why));
        }
        return replies;
    }

    private DeliveryOutcome quarantine(QueueLocation location, String why) throws IOException {
        LOG.log(Level.ERROR, location.id() + ": moved to corrupt: " + why);
        try {
            queue.move(location, QueueState.CORRUPT);
        } catch (NoSuchFileException e) {
            return DeliveryOutcome.GONE;
        }
        return DeliveryOutcome.QUARANTINED;
    }
}
