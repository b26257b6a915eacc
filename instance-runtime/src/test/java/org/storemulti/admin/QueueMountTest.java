package org.storemulti.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.queue.QueueDirectories;

/** storeadm lends its -c to the queue package's commands: deliver and queue. */
class QueueMountTest {

    @Test
    void deliverQueuesIntoTheInstanceNamedByStoreadmsOwnDashC(@TempDir Path root) throws java.io.IOException {
        Instance instance = new Instance(root);
        instance.ok("domain", "add", "example.com");
        instance.ok("-d", "example.com", "mailbox", "user-add", "joe");
        Instance.Result delivered = instance.withInput("Subject: hi\n\nbody\n", "deliver", "-f", "a@example.org", "joe");
        assertEquals(0, delivered.status(), delivered.toString());
        assertTrue(delivered.out().strip().matches("[0-9A-F]{28}"), delivered.out());
        assertEquals(1, QueueDirectories.messageCount(root.resolve("queue")));

        Instance.Result unknown = instance.withInput("Subject: hi\n\nbody\n", "deliver", "nosuch");
        assertEquals(new Instance.Result(1, "", "storeadm: fatal: nothing queued: 550 5.1.1 <nosuch>: no such user\n"),
                unknown, "an unknown recipient is refused up front, not dropped by the queue manager later");
        assertEquals(1, QueueDirectories.messageCount(root.resolve("queue")));

        Instance.Result stat = instance.run("queue", "stat");
        assertEquals(0, stat.status(), stat.toString());
        assertTrue(stat.out().contains("messages in queue: 1"), stat.out());
    }
}
