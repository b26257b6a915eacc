package org.storemulti.queue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The queue as tests in other packages see it (the daemon's end-to-end tests): inject into
 * maildrop as local submission does, and look a message up by id, without making the
 * queue's own types public.
 */
public final class QueueProbe {

    /** Where a message is, how often delivery was tried, when next, and the last error. */
    public record Seen(QueueState state, int attempts, Instant nextAttempt, String lastError) {
    }

    private final QueueDirectories queue;
    private final QueueWriter writer;

    public QueueProbe(Path queueDirectory, Clock clock) {
        this.queue = QueueDirectories.of(queueDirectory);
        this.writer = new QueueWriter(queue, clock);
    }

    /** Writes a message into maildrop; returns its queue id. */
    public String inject(String sender, List<String> recipients, byte[] message) throws IOException {
        return writer.inject(sender, recipients, message).toString();
    }

    /** The message {@code id} as listed now, if it is in the queue and readable. */
    public Optional<Seen> find(String id) {
        try {
            return new QueueAdmin(queue).list().stream().filter(l -> l.id().toString().equals(id)).findFirst()
                    .flatMap(l -> l.envelope().map(e -> new Seen(l.state(), e.attempts(), e.nextAttempt(),
                            e.lastError())));
        } catch (IOException e) {
            return Optional.empty(); // moved while listed: look again
        }
    }
}
