package org.storemulti.queue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.storemulti.fs.EditLock;
import org.storemulti.fs.FileModes;
import org.storemulti.store.tools.WorkProgress;

/**
 * Moves queued messages into another instance's queue, where they land in
 * {@code incoming/} for that instance's queue manager. Safe with both daemons running.
 *
 * <p><b>Nothing is moved blind.</b> Before a message leaves, its file is read whole (a
 * damaged one stays, "not moved, damaged"), it must be a regular file (a symbolic link is
 * refused, as {@code destroy} refuses them) and the destination's {@link RecipientGate} must
 * take every recipient; otherwise it stays where it is, or, with {@code holdUnknown}, it
 * goes into the destination's {@code hold/} instead of {@code incoming/}, to be released
 * there once the recipients exist. The destination's queue manager would otherwise hold it
 * too, but only after it had left a queue where its recipients may exist.
 *
 * <p><b>One file system</b> (same {@link java.nio.file.FileStore}): one atomic rename from
 * the source state directly into the destination's state directory; the message is in
 * exactly one queue at every instant, so no journal is needed.
 *
 * <p><b>Two file systems</b> (or a rename the system refuses, as across bind mounts): per message, with {@link MoveJournal} rewritten before each
 * step: (1) claim: rename the file into the source's {@code move/}, out of the source
 * daemon's reach; (2) copy to {@code .ID.move} in the destination's incoming, fsync, read
 * back and compare size and SHA-256; (3) publish: rename it to {@code ID} in the journal's
 * target state, sync the directory (the commit point); (4) delete the staged source copy,
 * then the journal. After a kill at any point, {@link QueueVerifier} on the source (with
 * repair) undoes a move that had not reached publish and finishes one that had, so every
 * message ends in exactly one queue. The destination's verify never removes {@code .ID.move} files.
 *
 * <p>Messages in {@code active/} (being delivered) and {@code corrupt/} are not moved.
 * One mover at a time per source queue: a lock on {@code move/journal.lock}, which
 * {@link QueueVerifier} also takes before it recovers journals.
 */
final class QueueMover {

    private final QueueDirectories source;
    private final QueueDirectories destination;
    private final boolean forceCopy;
    private final RecipientGate gate;
    private final boolean holdUnknown;
    private final Consumer<String> warnings;
    private WorkProgress progress = WorkProgress.NONE;

    /**
     * A mover that does not ask the destination about recipients ({@link RecipientGate#ACCEPT_ALL}).
     *
     * @param forceCopy copy even when a rename would do (to test or exercise the
     *        cross-file-system path)
     * @param warnings where a move that failed half-way says how it was undone or finished
     */
    public QueueMover(QueueDirectories source, QueueDirectories destination, boolean forceCopy,
            Consumer<String> warnings) {
        this(source, destination, forceCopy, RecipientGate.ACCEPT_ALL, false, warnings);
    }

    /**
     * A mover that moves a message only when {@code gate} takes all its recipients, or, with
     * {@code holdUnknown}, moves the others into the destination's hold.
     */
    QueueMover(QueueDirectories source, QueueDirectories destination, boolean forceCopy, RecipientGate gate,
            boolean holdUnknown, Consumer<String> warnings) {
        this.source = source;
        this.destination = destination;
        this.forceCopy = forceCopy;
        this.gate = gate;
        this.holdUnknown = holdUnknown;
        this.warnings = warnings;
    }

    /** Reports each message handled to {@code progress} (a progress line); returns this mover. */
    QueueMover reporting(WorkProgress progress) {
        this.progress = progress;
        return this;
    }

    /** The lock that serializes movers and journal recovery on {@code queue}. */
    static EditLock lock(QueueDirectories queue) throws IOException {
        FileModes.createDirectories(queue.moveDirectory());
        return EditLock.acquire(queue.moveDirectory().resolve("journal"));
    }

    /** Moves every message not being delivered and not corrupt. */
    public MoveReport moveAll() throws IOException {
        List<QueueId> ids = new ArrayList<>();
        for (QueueState s : List.of(QueueState.MAILDROP, QueueState.INCOMING, QueueState.DEFERRED, QueueState.HOLD)) {
            source.list(s).forEach(l -> ids.add(l.id()));
        }
        return move(ids);
    }

    /** Moves the messages {@code ids}; an ID that cannot be moved is reported, not fatal. */
    @SuppressWarnings("try") // the lock is held, not used
    public MoveReport move(List<QueueId> ids) throws IOException {
        if (source.root().equals(destination.root())) {
            throw new QueueException("queue " + source.root() + ": source and destination are the same queue");
        }
        source.create();
        destination.create();
        boolean rename = !forceCopy && sameFileStore();
        List<QueueId> moved = new ArrayList<>();
        List<MoveReport.Held> held = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (EditLock lock = lock(source)) {
            int handled = 0;
            for (QueueId id : ids) {
                progress.advanced("messages", handled++, ids.size());
                List<String> refused;
                try {
                    refused = gate.refusals(movable(id).recipients());
                } catch (QueueException e) {
                    skipped.add(id + ": " + e.getMessage());
                    continue;
                }
                if (!refused.isEmpty() && !holdUnknown) {
                    skipped.add(id + ": not moved: queue " + destination.root() + " would refuse "
                            + String.join("; ", refused) + " (add the recipients there, or move with --hold-unknown)");
                    continue;
                }
                QueueState into = refused.isEmpty() ? QueueState.INCOMING : QueueState.HOLD;
                Optional<String> problem = rename ? renameOne(id, into) : copyOrUndo(id, into);
                if (problem.isPresent()) {
                    skipped.add(id + ": " + problem.get());
                    continue;
                }
                moved.add(id);
                if (into == QueueState.HOLD) {
                    held.add(new MoveReport.Held(id, String.join("; ", refused)));
                }
            }
            progress.advanced("messages", handled, ids.size());
        }
        return new MoveReport(moved, held, skipped);
    }

    private boolean sameFileStore() throws IOException {
        return source.root().getFileSystem().equals(destination.root().getFileSystem())
                && Files.getFileStore(source.root()).equals(Files.getFileStore(destination.root()));
    }

    /**
     * The envelope of {@code id} when it may leave: a regular file, not being delivered, not
     * corrupt, not already in the destination, intact (read whole and checked); else why not.
     */
    private QueueEnvelope movable(QueueId id) throws IOException {
        QueueLocation at = where(id);
        if (destination.locate(id).isPresent()) {
            throw QueueException.about(source, id, "already in queue " + destination.root());
        }
        try {
            return QueueFile.read(at.path()).envelope();
        } catch (QueueFileException e) {
            throw QueueException.about(source, id, "not moved, damaged: " + e.problem());
        } catch (NoSuchFileException e) {
            throw QueueException.about(source, id, "moved meanwhile (was in " + at.state().directoryName() + "); try again");
        }
    }

    /** Where {@code id} is, when that is a place it may leave from. */
    private QueueLocation where(QueueId id) throws QueueException {
        for (QueueState s : QueueState.values()) {
            if (Files.isSymbolicLink(source.file(s, id))) {
                throw QueueException.about(source, id, "is a symbolic link in " + s.directoryName()
                        + ", not a queue file: not moved (queue verify reports it too; remove the link)");
            }
        }
        QueueLocation at = source.locate(id)
                .orElseThrow(() -> QueueException.about(source, id, "no such message"));
        if (at.state() == QueueState.ACTIVE) {
            throw QueueException.about(source, id, "being delivered; try again");
        }
        if (at.state() == QueueState.CORRUPT) {
            throw QueueException.about(source, id, "is in corrupt; requeue it first");
        }
        return at;
    }

    private Optional<String> renameOne(QueueId id, QueueState into) throws IOException {
        QueueLocation at;
        try {
            at = where(id);
        } catch (QueueException e) {
            return Optional.of(e.getMessage());
        }
        try {
            source.rename(at.path(), destination.file(into, id));
        } catch (AtomicMoveNotSupportedException e) {
            return copyOrUndo(id, into); // another file system after all: copy, journaled
        } catch (NoSuchFileException e) {
            return Optional.of("moved meanwhile (was in " + at.state().directoryName() + "); try again");
        }
        return Optional.empty();
    }

    /** Copies {@code id}; on an I/O error undoes (or finishes) the move from its journal, then rethrows. */
    private Optional<String> copyOrUndo(QueueId id, QueueState into) throws IOException {
        try {
            return copyOne(id, into);
        } catch (IOException e) {
            Path journal = MoveJournal.path(source, id);
            if (Files.exists(journal)) {
                try {
                    warnings.accept(id + ": " + recover(source, MoveJournal.read(journal)));
                } catch (IOException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
    }

    private Optional<String> copyOne(QueueId id, QueueState into) throws IOException {
        QueueLocation at;
        try {
            at = where(id);
        } catch (QueueException e) {
            return Optional.of(e.getMessage());
        }
        MoveJournal journal = new MoveJournal(id, MoveJournal.Step.CLAIM, at.state(), destination.root(), into);
        Path staged = source.moveDirectory().resolve(id.value());
        journal.write(source);
        try {
            source.rename(at.path(), staged);
        } catch (NoSuchFileException e) {
            source.delete(MoveJournal.path(source, id));
            return Optional.of("moved meanwhile (was in " + at.state().directoryName() + "); try again");
        }
        byte[] bytes = Files.readAllBytes(staged);
        try {
            QueueFile.decode(staged, bytes);
        } catch (QueueFileException e) {
            source.rename(staged, at.path());
            source.delete(MoveJournal.path(source, id));
            return Optional.of("not moved, damaged: " + e.problem());
        }
        journal.at(MoveJournal.Step.COPY).write(source);
        Path temp = MoveJournal.copyTemp(destination, id);
        writeSynced(temp, bytes);
        byte[] back = Files.readAllBytes(temp);
        if (back.length != bytes.length || !QueueFile.sha256(back).equals(QueueFile.sha256(bytes))
                || !Arrays.equals(back, bytes)) {
            Files.deleteIfExists(temp);
            source.rename(staged, at.path());
            source.delete(MoveJournal.path(source, id));
            throw new IOException(temp + ": copy of " + id + " reads back differently (" + back.length
                    + " bytes, expected " + bytes.length + "); message left in " + at.path());
        }
        journal.at(MoveJournal.Step.PUBLISH).write(source);
        destination.rename(temp, destination.file(into, id));
        journal.at(MoveJournal.Step.DELETE).write(source);
        source.delete(staged);
        source.delete(MoveJournal.path(source, id));
        return Optional.empty();
    }

    private void writeSynced(Path file, byte[] bytes) throws IOException {
        Files.deleteIfExists(file); // a copy left by an interrupted move: written again, private
        try (FileChannel channel = FileModes.create(file)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        destination.sync().sync(file.getParent());
    }

    /**
     * Finishes or undoes the interrupted move that {@code journal} records, in
     * {@code source}; returns what it did in words. Caller holds {@link #lock}.
     */
    static String recover(QueueDirectories source, MoveJournal journal) throws IOException {
        QueueDirectories destination = QueueDirectories.of(journal.destination());
        QueueId id = journal.id();
        Path staged = source.moveDirectory().resolve(id.value());
        Path temp = MoveJournal.copyTemp(destination, id);
        Path back = source.file(journal.from(), id);
        String done;
        switch (journal.step()) {
            case CLAIM, COPY -> {
                boolean removedTemp = journal.step() == MoveJournal.Step.COPY && destination.delete(temp);
                if (Files.exists(staged)) {
                    source.rename(staged, back);
                    done = "move undone: back in " + journal.from().directoryName()
                            + (removedTemp ? ", partial copy " + temp + " removed" : "");
                } else {
                    done = "move had not begun; nothing to undo";
                }
            }
            case PUBLISH -> {
                if (Files.exists(temp)) {
                    boolean intact;
                    try {
                        QueueFile.decode(temp, Files.readAllBytes(temp));
                        intact = true;
                    } catch (QueueFileException e) {
                        intact = false;
                    }
                    if (intact || !Files.exists(staged)) {
                        destination.rename(temp, destination.file(journal.into(), id));
                        source.delete(staged);
                        done = "move finished: published in " + destination.root();
                    } else {
                        destination.delete(temp);
                        source.rename(staged, back);
                        done = "move undone (copy damaged): back in " + journal.from().directoryName();
                    }
                } else {
                    source.delete(staged);
                    done = "move finished: source copy removed";
                }
            }
            case DELETE -> {
                source.delete(staged);
                done = "move finished: source copy removed";
            }
            default -> throw new IllegalStateException(journal.step().toString());
        }
        source.delete(MoveJournal.path(source, id));
        return done;
    }
}
