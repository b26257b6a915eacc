package org.storemulti.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.random.RandomGenerator;

import org.storemulti.fs.AtomicFile;

/**
 * Local injection: writes a message into {@code maildrop/}, where the daemon's
 * {@link Pickup} finds it. Needs no running daemon (it creates missing queue
 * directories), which is what {@code storeadm deliver} relies on.
 *
 * <p>The file appears under its final name only when complete and durable (temp file,
 * fsync, rename, directory sync), so pickup never sees half a message.
 */
final class QueueWriter {

    private final QueueDirectories queue;
    private final Clock clock;
    private final RandomGenerator random;

    public QueueWriter(QueueDirectories queue, Clock clock) {
        this(queue, clock, new SecureRandom());
    }

    QueueWriter(QueueDirectories queue, Clock clock, RandomGenerator random) {
        this.queue = queue;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Queues {@code message} from {@code sender} ({@code ""} for the null sender) to
     * {@code recipients} and returns its queue ID once the file is durable. Bare LF line
     * ends become CRLF (as the store expects); trace headers are added at delivery.
     *
     * @throws IllegalArgumentException no recipients, or an address with a line break
     */
    public QueueId inject(String sender, List<String> recipients, byte[] message) throws IOException {
        QueueId id = QueueId.next(clock, random);
        QueueEnvelope envelope = QueueEnvelope.arriving(id, sender, recipients, clock.instant());
        write(QueueState.MAILDROP, envelope, MessageText.crlf(message));
        return id;
    }

    /**
     * Writes a new message into {@code state} (a new queue ID, durable on return) with the
     * sender, arrival and attempts of {@code from}, the given recipients and {@code reason}
     * as its last error: the part of a message that goes elsewhere, as recipients held while
     * the others are retried. Returns the new ID.
     */
    QueueId split(QueueEnvelope from, List<String> recipients, String reason, byte[] message, QueueState state)
            throws IOException {
        QueueId id = QueueId.next(clock, random);
        write(state, new QueueEnvelope(id, from.sender(), recipients, from.arrival(), from.attempts() + 1,
                clock.instant(), reason), message);
        return id;
    }

    /** Writes a complete queue file for {@code envelope} into {@code state}. */
    void write(QueueState state, QueueEnvelope envelope, byte[] message) throws IOException {
        if (!Files.isDirectory(queue.hashDirectory(state, envelope.id()))) {
            queue.create();
        }
        AtomicFile.write(queue.file(state, envelope.id()), QueueFile.encode(envelope, message));
    }
}
