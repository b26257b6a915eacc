package org.storemulti.queue;

import java.io.IOException;

/**
 * An administrative request the queue cannot carry out, with the queue and message it
 * concerns, e.g. {@code queue /var/spool/store: 019A...: no such message}.
 */
class QueueException extends IOException {

    private static final long serialVersionUID = 1L;

    public QueueException(String message) {
        super(message);
    }

    /** A problem with message {@code id} in {@code queue}. */
    static QueueException about(QueueDirectories queue, Object id, String problem) {
        return new QueueException("queue " + queue.root() + ": " + id + ": " + problem);
    }
}
