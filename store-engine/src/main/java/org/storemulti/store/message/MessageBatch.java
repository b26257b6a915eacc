package org.storemulti.store.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.storemulti.store.name.Guid;

/**
 * Messages saved into one mailbox together (a sync copying many): each {@link #add} writes one
 * message file as its stream is read (not yet indexed), {@link #commit} waits until every file
 * is durable, then indexes them all with one directory sync per directory and one transaction,
 * through the group commit. A batch closed without a commit deletes its files: a stream that
 * failed half-way (a truncated transfer, a digest that did not match) leaves no message behind,
 * nor any of the batch. Not thread-safe.
 *
 * <p>Each file's fsync runs on the store's small pool ({@link MessageFiles#finishLater}) while the next
 * message is read and written, so {@value MessageFiles#FSYNC_THREADS} fsyncs are in flight at once and the file system's journal commits them
 * together; at most {@value #MAX_UNSYNCED} files wait for theirs (each holds an open descriptor,
 * never a body: the bytes are in the file already). A message read from another store's file on
 * this file system ({@link MessageContent#open()}) is hard-linked instead when the link is
 * exactly the file a copy would make ({@link MessageFiles#link}).
 */
public final class MessageBatch implements AutoCloseable {

    static final int MAX_UNSYNCED = 16;

    private final Deliverer deliverer;
    private final DeliveryBatcher batcher;
    private final MessageFiles files;
    private final TargetMailbox mailbox;
    private final List<Deliverer.Pending> pending = new ArrayList<>();
    private final Deque<Future<StagedFile>> syncing = new ArrayDeque<>();
    private int linked;
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
     * @throws IOException reading {@code content} or writing the file failed, or an earlier
     *     message's file could not be synced; nothing of this message was kept (close the batch
     *     to drop the others)
     */
    public void add(InputStream content, Flags flags, Instant internalDate, String guid, long uid) throws IOException {
        if (done) {
            throw new IllegalStateException("batch already committed or closed");
        }
        if (guid != null) {
            new Guid(guid);
        }
        pending.add(deliverer.stage(mailbox, flags == null ? Flags.NONE : flags, internalDate, guid, uid,
                (envelope, tee) -> make(content, envelope, tee)));
    }

    private StagedFile make(InputStream content, MessageEnvelope envelope, OutputStream tee) throws IOException {
        StagedFile link = link(content, envelope, tee);
        if (link != null) {
            return link;
        }
        while (syncing.size() >= MAX_UNSYNCED) {
            await(syncing.removeFirst());
        }
        MessageFiles.Unsynced written = files.writeUnsynced(content, envelope, tee);
        syncing.addLast(files.finishLater(written));
        return written.file();
    }

    /** The file of {@code content} hard-linked, when it is another store's file on this file system; else null. */
    private StagedFile link(InputStream content, MessageEnvelope envelope, OutputStream tee) throws IOException {
        MessageContent source = content instanceof MessageContent.Body body ? body.unreadWhole() : null;
        if (source == null) {
            return null;
        }
        StagedFile file = files.link(source.file(), source.fileOffset(), source.size(), envelope);
        if (file == null) {
            return null;
        }
        try {
            content.transferTo(tee); // the parser reads the same bytes the link names
        } catch (IOException | RuntimeException e) {
            files.deleteQuietly(List.of(file.path()));
            files.settled(List.of(file));
            throw e;
        }
        linked++;
        return file;
    }

    /** How many messages were added. */
    public int size() {
        return pending.size();
    }

    /** How many of the messages added were hard-linked rather than copied. */
    public int linked() {
        return linked;
    }

    /**
     * Indexes every message added, in order; durable on return. One result per message:
     * {@link DeliveryResult.Stored}, or why it was refused ({@link DeliveryResult.OverQuota},
     * {@link DeliveryResult.UnknownMailbox} if the mailbox was deleted, or
     * {@link DeliveryResult.TemporaryFailure}, which refuses them all: a file that could not be
     * synced refuses the batch).
     */
    public List<DeliveryResult> commit() {
        if (done) {
            throw new IllegalStateException("batch already committed or closed");
        }
        done = true;
        String failure = awaitAll();
        if (failure != null) {
            deleteFiles();
            DeliveryResult refused = new DeliveryResult.TemporaryFailure(failure);
            return pending.stream().map(p -> refused).toList();
        }
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
        awaitAll(); // a file still being synced would be renamed into place after the delete
        deleteFiles();
    }

    /** Waits for every sync in flight; why the first failed one failed, or null. */
    private String awaitAll() {
        String failure = null;
        while (!syncing.isEmpty()) {
            try {
                await(syncing.removeFirst());
            } catch (IOException e) {
                failure = failure != null ? failure : "cannot write message file: " + e;
            }
        }
        return failure;
    }

    private static void await(Future<StagedFile> sync) throws IOException {
        try {
            sync.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("syncing a message file failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a message file was synced");
        }
    }

    private void deleteFiles() {
        List<StagedFile> staged = pending.stream().map(Deliverer.Pending::file).toList();
        files.deleteQuietly(staged.stream().map(StagedFile::path).toList());
        files.settled(staged);
    }
}
