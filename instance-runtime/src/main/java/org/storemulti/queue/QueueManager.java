package org.storemulti.queue;

import java.io.IOException;
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
import org.storemulti.log.DaemonLog;

/**
 * The daemon's queue manager: delivers mail from {@code incoming/} and due mail from
 * {@code deferred/} through the same {@link MailDrop} the LMTP service uses.
 *
 * <p>Per message: move it to {@code active/}; hand it to {@link MailDrop#deliver} with the
 * trace headers the LMTP service adds ({@code Return-Path:}, and {@code Delivered-To:} for
 * a single recipient), which runs every delivery stage and answers once per recipient. Then
 * each recipient by its reply, sorted once: 2xx delivered; 4xx stays for a retry;
 * 5xx (no such user, mailbox over quota) is <b>held</b>: a store never throws mail away and
 * the queue cannot bounce, so the message waits in {@code hold/} with the reply as its last
 * error, shown by {@code queue list}, until an administrator releases it (after adding the
 * user) or deletes it. When some recipients are held and others wait for a retry, the held
 * ones move to a new message in {@code hold/} (written durably first) and the original keeps
 * the rest. With every recipient delivered the file is removed. Otherwise the envelope is
 * rewritten in place (remaining recipients, attempt count + 1, next attempt after the
 * {@link RetryPolicy} back-off, last error) and the file renamed to {@code deferred/}.
 *
 * <p><b>Giving up.</b> When an attempt fails temporarily and the message's age has
 * reached {@code maximal_queue_lifetime}, the message is not retried: it is moved to
 * {@code corrupt/} with last error {@code "expired after N attempts: ..."} and logged,
 * never silently dropped. An administrator can inspect it there, delete it, or
 * {@code requeue} it for one more attempt.
 *
 * <p><b>At-least-once.</b> On {@link #start()} every file left in {@code active/} (a crash
 * mid-delivery) is moved back to {@code incoming/} and delivered again, so a recipient
 * whose delivery succeeded just before the crash can get the message twice (and a crash
 * between writing a held part and rewriting the original holds that part twice); no
 * accepted message is ever lost.
 *
 * <p><b>Log.</b> Each recipient's outcome is logged where the store answers (the mail drop's
 * delivery lines, under the queue ID); the manager logs what becomes of the message: removed,
 * deferred until when, held (and how to release it), given up, requeued, or an attempt that
 * failed before the store could answer, with its cause.
 */
final class QueueManager {

    private final QueueDirectories queue;
    private final MailDrop drop;
    private final RetryPolicy policy;
    private final Clock clock;
    private final PollingLoop loop;
    private final QueueWriter writer;
    private final DaemonLog log;
    private Instant nextDeferredScan = Instant.MIN;

    public QueueManager(QueueDirectories queue, MailDrop drop, RetryPolicy policy, Clock clock, Duration pollInterval,
            DaemonLog log) {
        this.queue = queue;
        this.drop = drop;
        this.policy = policy;
        this.clock = clock;
        this.log = log;
        this.loop = new PollingLoop("queue-manager", pollInterval, this::runOnce, log);
        this.writer = new QueueWriter(queue, clock);
    }

    /** The queue manager of the instance {@code config} describes. */
    public static QueueManager create(InstanceConfig config, MailDrop drop, Clock clock, DaemonLog log) {
        return new QueueManager(QueueDirectories.of(config.queueDirectory()), drop, RetryPolicy.from(config),
                clock, config.time("queue_poll_interval"), log);
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
                log.info(left.id() + ": requeued after interrupted delivery");
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
        } catch (IOException | RuntimeException e) {
            // disk full while rewriting the envelope, or a mail drop that broke its contract
            return putBack(active, e);
        }
    }

    /**
     * After an I/O error mid-attempt (disk full while rewriting the envelope) or a mail drop
     * that broke its contract, logs the cause and moves the file unchanged from active to
     * deferred so a later pass retries it rather than leaving it in active until a restart.
     * Recipients already delivered get it again.
     */
    private DeliveryOutcome putBack(QueueLocation active, Exception why) {
        log.error(active.id() + ": delivery attempt failed, retried on a later pass: " + DaemonLog.describe(why));
        try {
            queue.move(active, QueueState.DEFERRED);
        } catch (IOException e) {
            log.error(active.id() + ": left in active until restart: " + DaemonLog.describe(e));
        }
        return DeliveryOutcome.DEFERRED;
    }

    /** The recipients of one attempt, sorted once by their replies; the reasons say why, one line each. */
    private record Sorted(List<String> deferred, String deferReason, List<String> refused, String refuseReason) {

        static Sorted of(List<String> recipients, List<Reply> replies) {
            List<String> deferred = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            List<String> deferReasons = new ArrayList<>();
            List<String> refuseReasons = new ArrayList<>();
            for (int i = 0; i < recipients.size(); i++) {
                String rcpt = recipients.get(i);
                Reply reply = replies.get(i);
                if (reply.positive()) {
                    continue; // logged by the mail drop, as every recipient's outcome
                }
                if (reply.temporary()) {
                    deferred.add(rcpt);
                    deferReasons.add(rcpt + ": " + reply.line());
                } else {
                    refused.add(rcpt);
                    refuseReasons.add(rcpt + ": " + reply.line());
                }
            }
            return new Sorted(deferred, summary(deferReasons), refused, "held: " + summary(refuseReasons));
        }

        /** The first few reasons and how many more: a last error stays one readable line for {@code queue list}. */
        private static String summary(List<String> reasons) {
            int shown = Math.min(reasons.size(), 5);
            return String.join("; ", reasons.subList(0, shown))
                    + (reasons.size() > shown ? "; and " + (reasons.size() - shown) + " more" : "");
        }
    }

    /**
     * One attempt: every stage at once through {@link MailDrop#deliver} (with the trace
     * headers LMTP adds), then each recipient by its reply: delivered; deferred (4xx);
     * held (5xx: never dropped). A message whose recipients are all done is removed.
     */
    private DeliveryOutcome deliver(QueueLocation active, QueuedMessage message) throws IOException {
        QueueEnvelope envelope = message.envelope();
        Envelope lmtp = envelope.toLmtp();
        List<Reply> replies = drop.deliver(lmtp, lmtp.withTraceHeaders(message.message()));
        if (replies.size() != envelope.recipients().size()) {
            throw new IllegalStateException("mail drop answered " + replies.size() + " replies for "
                    + envelope.recipients().size() + " recipients");
        }
        Sorted sorted = Sorted.of(envelope.recipients(), replies);
        Instant now = clock.instant();
        if (sorted.deferred().isEmpty() && sorted.refused().isEmpty()) {
            queue.delete(active.path());
            log.info(envelope.id() + ": removed");
            return DeliveryOutcome.DONE;
        }
        if (sorted.deferred().isEmpty()) {
            return rewriteAndMove(active, envelope.deferred(sorted.refused(), now, sorted.refuseReason()),
                    message.message(), QueueState.HOLD);
        }
        if (!sorted.refused().isEmpty()) {
            QueueId held = writer.split(envelope, sorted.refused(), sorted.refuseReason(), message.message(), QueueState.HOLD);
            log.warning(held + ": " + sorted.refuseReason() + " (split from " + envelope.id()
                    + "); release it once the recipient exists: storeadm queue release " + held);
        }
        QueueEnvelope next = envelope.deferred(sorted.deferred(),
                now.plus(policy.delayAfter(envelope.attempts() + 1)), sorted.deferReason());
        if (policy.expired(envelope.arrival(), now)) {
            next = next.withLastError("expired after " + next.attempts() + " attempts: " + sorted.deferReason());
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
        switch (to) {
            case CORRUPT -> log.error(envelope.id() + ": given up, moved to corrupt: " + envelope.lastError());
            case HOLD -> log.warning(envelope.id() + ": " + envelope.lastError()
                    + "; release it once the recipient exists: storeadm queue release " + envelope.id());
            default -> log.info(envelope.id() + ": deferred until " + envelope.nextAttempt() + ": "
                    + envelope.lastError());
        }
        return switch (to) {
            case CORRUPT -> DeliveryOutcome.QUARANTINED;
            case HOLD -> DeliveryOutcome.HELD;
            default -> DeliveryOutcome.DEFERRED;
        };
    }

    private DeliveryOutcome quarantine(QueueLocation location, String why) throws IOException {
        log.error(location.id() + ": moved to corrupt: " + why);
        try {
            queue.move(location, QueueState.CORRUPT);
        } catch (NoSuchFileException e) {
            return DeliveryOutcome.GONE;
        }
        return DeliveryOutcome.QUARANTINED;
    }
}
