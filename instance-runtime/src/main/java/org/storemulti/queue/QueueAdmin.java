package org.storemulti.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Administration of one queue, safe while the daemon runs: every change is one atomic
 * rename or delete, and a message the queue manager is delivering ({@code active/}) is
 * refused with "being delivered; try again", because the manager owns it until it is
 * done (a crashed daemon's {@code active/} files are requeued when it starts again).
 */
final class QueueAdmin {

    private final QueueDirectories queue;

    public QueueAdmin(QueueDirectories queue) {
        this.queue = queue;
    }

    public QueueDirectories queue() {
        return queue;
    }

    /** Every message in every state (corrupt included), oldest first within a state. */
    public List<QueueListing> list() throws IOException {
        List<QueueListing> listings = new ArrayList<>();
        for (QueueState state : QueueState.values()) {
            for (QueueLocation found : queue.list(state)) {
                long size;
                try {
                    size = Files.size(found.path());
                } catch (NoSuchFileException e) {
                    continue;
                }
                try {
                    QueueFile.Header header = QueueFile.readHeader(found.path());
                    listings.add(new QueueListing(found.id(), state, size, header.size(),
                            Optional.of(header.envelope()), ""));
                } catch (QueueFileException e) {
                    listings.add(new QueueListing(found.id(), state, size, -1, Optional.empty(), e.getMessage()));
                } catch (NoSuchFileException e) {
                    // moved on meanwhile
                }
            }
        }
        return listings;
    }

    /** The counts {@code qmail-qstat} prints; messages staged by a move in progress are in the queue too. */
    public QueueStat stat() throws IOException {
        long all = queue.staged();
        for (QueueState state : QueueState.LIVE) {
            all += queue.list(state).size();
        }
        long fresh = queue.list(QueueState.MAILDROP).size() + queue.list(QueueState.INCOMING).size();
        return new QueueStat(all, fresh);
    }

    /** Puts {@code id} on hold: it is not delivered until released. */
    public void hold(QueueId id) throws IOException {
        QueueLocation at = require(id);
        if (at.state() == QueueState.HOLD) {
            throw QueueException.about(queue, id, "already on hold");
        }
        if (at.state() == QueueState.CORRUPT) {
            throw QueueException.about(queue, id, "is in corrupt; requeue or delete it");
        }
        moveOrExplain(at, QueueState.HOLD);
    }

    /** Releases {@code id} from hold into {@code incoming/}, for delivery now. */
    public void release(QueueId id) throws IOException {
        QueueLocation at = require(id);
        if (at.state() != QueueState.HOLD) {
            throw QueueException.about(queue, id, "not on hold (it is in " + at.state().directoryName() + ")");
        }
        moveOrExplain(at, QueueState.INCOMING);
    }

    /** Deletes {@code id} from whatever state it is in, corrupt included. */
    public void delete(QueueId id) throws IOException {
        QueueLocation at = require(id);
        if (!queue.delete(at.path())) {
            throw QueueException.about(queue, id, "no such message (it moved meanwhile; try again)");
        }
    }

    /**
     * Moves {@code id} to {@code incoming/} for delivery now, keeping its attempt count.
     * From {@code corrupt/} only if the file reads back intact.
     */
    public void requeue(QueueId id) throws IOException {
        QueueLocation at = require(id);
        if (at.state() == QueueState.CORRUPT) {
            QueuedMessage m = QueueFile.read(at.path());
            if (!m.id().equals(id)) {
                throw QueueException.about(queue, id, "file holds queue ID " + m.id() + "; cannot requeue");
            }
        }
        moveOrExplain(at, QueueState.INCOMING);
    }

    /** Makes every deferred message due now (moves it to incoming); returns how many. */
    public int flush() throws IOException {
        int moved = 0;
        for (QueueLocation deferred : queue.list(QueueState.DEFERRED)) {
            try {
                queue.move(deferred, QueueState.INCOMING);
                moved++;
            } catch (NoSuchFileException e) {
                // the queue manager took it meanwhile
            }
        }
        return moved;
    }

    private QueueLocation require(QueueId id) throws IOException {
        QueueLocation at = queue.locate(id)
                .orElseThrow(() -> QueueException.about(queue, id, "no such message"));
        if (at.state() == QueueState.ACTIVE) {
            throw QueueException.about(queue, id, "being delivered; try again");
        }
        return at;
    }

    private void moveOrExplain(QueueLocation at, QueueState to) throws IOException {
        try {
            queue.move(at, to);
        } catch (NoSuchFileException e) {
            throw QueueException.about(queue, at.id(), "moved meanwhile (was in "
                    + at.state().directoryName() + "); try again");
        }
    }
}
