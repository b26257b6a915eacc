package org.storemulti.lifecycle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.storemulti.queue.QueueDirectories;

/**
 * What mail a queue still holds, by place, as the queue package counts it
 * ({@link QueueDirectories#messageCounts}): destroy refuses while anything is listed.
 */
final class QueueContents {

    private QueueContents() {
    }

    /** Place ({@code deferred}, {@code move}, ...) to the number of messages there, only the non-empty ones. */
    static Map<String, Long> count(Path queueDirectory) {
        try {
            return QueueDirectories.messageCounts(queueDirectory);
        } catch (IOException e) {
            throw new LifecycleException("cannot read queue directory " + queueDirectory + ": " + e, e);
        }
    }
}
