package org.storemulti.queue;

import java.time.Instant;
import java.util.List;

import org.storemulti.lmtp.Envelope;

/**
 * What the queue knows about one message besides its bytes: the sender ({@code ""} for
 * the null sender), the recipients still to deliver to, when it arrived, how many
 * delivery attempts failed temporarily, when the next one is due and why the last one
 * failed ({@code ""} if none did).
 */
record QueueEnvelope(QueueId id, String sender, List<String> recipients, Instant arrival,
        int attempts, Instant nextAttempt, String lastError) {

    public QueueEnvelope {
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException(id + ": a queued message needs at least one recipient");
        }
        requireOneLine("sender", sender);
        recipients.forEach(r -> requireOneLine("recipient", r));
        lastError = lastError.replaceAll("[\\r\\n]+", " ");
        if (attempts < 0) {
            throw new IllegalArgumentException(id + ": negative attempt count " + attempts);
        }
    }

    /** A fresh envelope: no attempts yet, due at once. */
    public static QueueEnvelope arriving(QueueId id, String sender, List<String> recipients, Instant now) {
        return new QueueEnvelope(id, sender, recipients, now, 0, now, "");
    }

    /** The envelope after a temporary failure: fewer recipients, one more attempt. */
    public QueueEnvelope deferred(List<String> remaining, Instant next, String error) {
        return new QueueEnvelope(id, sender, remaining, arrival, attempts + 1, next, error);
    }

    /** The same envelope with {@code error} as its last error. */
    public QueueEnvelope withLastError(String error) {
        return new QueueEnvelope(id, sender, recipients, arrival, attempts, nextAttempt, error);
    }

    /** As the MailDrop sees it: a queued message, logged under its queue ID. */
    public Envelope toLmtp() {
        return Envelope.queued(id.toString(), sender, recipients);
    }

    private static void requireOneLine(String what, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " contains a line break or NUL: " + value.strip());
        }
        if (what.equals("recipient") && value.isBlank()) {
            throw new IllegalArgumentException("empty recipient");
        }
    }
}
