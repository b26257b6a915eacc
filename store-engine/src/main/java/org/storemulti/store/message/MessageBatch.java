package org.storemulti.store.message;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.storemulti.store.name.Guid;

/**
 * Messages saved into one mailbox together (a sync copying many): each {@link #add} writes one
 * message file as its stream is read (durable, not yet indexed), {@link #commit} indexes them
 * all with one directory sync and one transaction, through the group commit. A batch closed
 * without a commit deletes its files: a stream that failed half-way (a truncated transfer, a
 * digest that did not match) leaves no message behind, nor any of the batch. Not thread-safe.
 */
public final class MessageBatch implements AutoCloseable {

    private final Deliverer deliverer;
    private final DeliveryBatcher batcher;
    private final MessageFiles files;
    private final TargetMailbox mailbox;
    private final List<Deliverer.Pending> pending = new ArrayList<>();
    private boolean done;

    MessageBatch(Deliverer deliverer, DeliveryBatcher batcher, MessageFiles files, TargetMailbox mailbox) {
        this.deliverer = deliverer;
        this.batcher = batcher;
        this.files = files;
        this.mailbox = mailbox;
    }

    /**
     * Writes the message read from {@code content} to its end, to be indexed with {@code flags},
     * {@code internalDate} ({@code null}: now), {@code guid} (kept unless the mailbox has it;
     * {@code null}: a new one) and {@code uid} (kept when at least UIDNEXT at the commit; 0: the
     * next). Give the messages of a batch in ascending UID order.
     *
     * @throws IOException reading {@code content} or writing the file failed; nothing of this
     *     message was kept (close the batch to drop the others)
     */
    public void add(InputStream content, Flags flags, Instant internalDate, String guid, long uid) throws IOException {
        if (done) {
            throw new IllegalStateException("batch already committed or closed");
        }
        if (guid != null) {
            new Guid(guid);
        }
        pending.add(deliverer.stage(mailbox, content, flags == null ? Flags.NONE : flags, internalDate, guid, uid));
    }

    /** How many messages were added. */
    public int size() {
        return pending.size();
    }

    /**
     * Indexes every message added, in order; durable on return. One result per message:
     * {@link DeliveryResult.Stored}, or why it was refused ({@link DeliveryResult.OverQuota},
     * {@link DeliveryResult.UnknownMailbox} if the mailbox was deleted, or
     * {@link DeliveryResult.TemporaryFailure}, which refuses them all).
     */
    public List<DeliveryResult> commit() {
        if (done) {
            throw new IllegalStateException("batch already committed or closed");
        }
        done = true;
        if (pending.isEmpty()) {
            return List.of();
        }
        return batcher.commit(pending);
    }

    /** Deletes the files of a batch that was not committed. */
    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        List<StagedFile> staged = pending.stream().map(Deliverer.Pending::file).toList();
        files.deleteQuietly(staged.stream().map(StagedFile::path).toList());
        files.settled(staged);
    }
}
