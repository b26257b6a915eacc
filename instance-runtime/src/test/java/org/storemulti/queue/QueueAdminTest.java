package org.storemulti.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemulti.testing.FileSystemsUnderTest;

/** Hold, release, delete, requeue and list: one contract on jimfs and on a real directory. */
class QueueAdminTest {

    @TempDir
    static Path realTemp;

    static Stream<Arguments> fileSystems() throws IOException {
        return FileSystemsUnderTest.both(realTemp);
    }

    private static final byte[] MESSAGE = "Subject: t\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void heldMailStaysPutUntilReleasedIntoIncoming(String fs, Path dir) throws IOException {
        QueueDirectories queue = QueueDirectories.of(dir);
        QueueAdmin admin = new QueueAdmin(queue);
        QueueId id = new QueueWriter(queue, clock).inject("joe@x", List.of("ann@x"), MESSAGE);

        admin.hold(id);
        assertEquals(QueueState.HOLD, queue.locate(id).orElseThrow().state());
        QueueException twice = assertThrows(QueueException.class, () -> admin.hold(id));
        assertEquals("queue " + queue.root() + ": " + id + ": already on hold", twice.getMessage());
        admin.release(id);
        assertEquals(QueueState.INCOMING, queue.locate(id).orElseThrow().state());
        assertThrows(QueueException.class, () -> admin.release(id));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void mailBeingDeliveredIsLeftToTheQueueManager(String fs, Path dir) throws IOException {
        QueueDirectories queue = QueueDirectories.of(dir);
        QueueAdmin admin = new QueueAdmin(queue);
        QueueId id = new QueueWriter(queue, clock).inject("joe@x", List.of("ann@x"), MESSAGE);
        queue.move(queue.locate(id).orElseThrow(), QueueState.ACTIVE);
        for (QueueId same : List.of(id)) {
            QueueException e = assertThrows(QueueException.class, () -> admin.delete(same));
            assertTrue(e.getMessage().endsWith("being delivered; try again"), e.getMessage());
            assertThrows(QueueException.class, () -> admin.hold(same));
            assertThrows(QueueException.class, () -> admin.requeue(same));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void deleteRemovesAndRequeueBringsBackIntactMailFromCorrupt(String fs, Path dir) throws IOException {
        QueueDirectories queue = QueueDirectories.of(dir);
        QueueAdmin admin = new QueueAdmin(queue);
        QueueWriter writer = new QueueWriter(queue, clock);
        QueueId a = writer.inject("joe@x", List.of("ann@x"), MESSAGE);
        QueueId b = writer.inject("joe@x", List.of("bob@x"), MESSAGE);
        queue.move(queue.locate(b).orElseThrow(), QueueState.CORRUPT);

        admin.requeue(b);
        assertEquals(QueueState.INCOMING, queue.locate(b).orElseThrow().state());
        admin.delete(a);
        assertTrue(queue.locate(a).isEmpty());
        QueueException missing = assertThrows(QueueException.class, () -> admin.delete(a));
        assertTrue(missing.getMessage().endsWith(a + ": no such message"), missing.getMessage());

        List<QueueListing> listed = admin.list();
        assertEquals(1, listed.size());
        assertEquals(List.of("bob@x"), listed.get(0).envelope().orElseThrow().recipients());
        assertEquals(QueueState.INCOMING, listed.get(0).state());
    }
}
