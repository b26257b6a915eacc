package org.storemulti.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemulti.log.LogLines;
import org.storemulti.testing.FileSystemsUnderTest;

/** The queue's files, injection and pickup: one contract on jimfs and on a real directory. */
class QueueFilesTest {

    @TempDir
    static Path realTemp;

    static Stream<Arguments> fileSystems() throws IOException {
        return FileSystemsUnderTest.both(realTemp);
    }

    private static final byte[] MESSAGE = "Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

    @Test
    void queueIdsSortByTimeAndHashOnTheirRandomPart() {
        Random random = new Random(1);
        QueueId first = QueueId.next(clock, random);
        clock.advance(java.time.Duration.ofMillis(1));
        QueueId second = QueueId.next(clock, random);
        assertTrue(first.compareTo(second) < 0);
        assertEquals(clock.instant().minusMillis(1), first.created());
        assertEquals(first.value().substring(12, 13), first.hashDirectory());
        assertTrue(QueueId.tryParse(".tmp" + first).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new QueueId("12345"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void anInjectedMessageReadsBackWithItsEnvelopeAndLeavesNoTempFile(String fs, Path dir) throws IOException {
        QueueDirectories queue = QueueDirectories.of(dir.resolve("queue"));
        QueueId id = new QueueWriter(queue, clock).inject("", List.of("ann@example.com", "bob@example.com"), MESSAGE);

        Path file = queue.file(QueueState.MAILDROP, id);
        assertEquals(List.of(file), queue.list(QueueState.MAILDROP).stream().map(QueueLocation::path).toList());
        QueuedMessage read = QueueFile.read(file);
        assertEquals(QueueEnvelope.arriving(id, "", List.of("ann@example.com", "bob@example.com"), clock.instant()),
                read.envelope());
        assertEquals(new String(MESSAGE, StandardCharsets.US_ASCII), new String(read.message(), StandardCharsets.US_ASCII));
        try (Stream<Path> all = Files.walk(queue.root())) {
            assertEquals(1, all.filter(Files::isRegularFile).count());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aTruncatedOrAlteredFileIsRejectedNamingIt(String fs, Path dir) throws IOException {
        QueueDirectories queue = QueueDirectories.of(dir.resolve("queue"));
        QueueId id = new QueueWriter(queue, clock).inject("joe@example.com", List.of("ann@example.com"), MESSAGE);
        Path file = queue.file(QueueState.MAILDROP, id);
        byte[] bytes = Files.readAllBytes(file);

        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        QueueFileException truncated = assertThrows(QueueFileException.class, () -> QueueFile.read(file));
        assertTrue(truncated.getMessage().startsWith(file + ": message is"), truncated.getMessage());

        bytes[bytes.length - 3] = 'X';
        Files.write(file, bytes);
        QueueFileException altered = assertThrows(QueueFileException.class, () -> QueueFile.read(file));
        assertTrue(altered.getMessage().contains("checksum"), altered.getMessage());

        Files.writeString(file, "garbage");
        assertThrows(QueueFileException.class, () -> QueueFile.read(file));
    }

    @Test
    void bareLineFeedsBecomeCrlfAndCrlfStays() {
        assertEquals("a\r\nb\r\n\r\nc", new String(MessageText.crlf("a\nb\r\n\nc".getBytes(StandardCharsets.US_ASCII)),
                StandardCharsets.US_ASCII));
    }

    @Test
    void addressesWithLineBreaksCannotBeInjected() {
        QueueDirectories queue = QueueDirectories.of(realTemp.resolve("linebreaks"));
        QueueWriter writer = new QueueWriter(queue, clock);
        assertThrows(IllegalArgumentException.class, () -> writer.inject("a\nrecipient evil", List.of("b@x"), MESSAGE));
        assertThrows(IllegalArgumentException.class, () -> writer.inject("a", List.of(), MESSAGE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void pickupMovesGoodFilesToIncomingAndQuarantinesUnparseableOnes(String fs, Path dir) throws IOException {
        QueueDirectories queue = QueueDirectories.of(dir.resolve("queue"));
        QueueWriter writer = new QueueWriter(queue, clock);
        QueueId good = writer.inject("joe@example.com", List.of("ann@example.com"), MESSAGE);
        QueueId bad = writer.inject("joe@example.com", List.of("ann@example.com"), MESSAGE);
        Files.writeString(queue.file(QueueState.MAILDROP, bad), "not a queue file");
        Path temp = queue.hashDirectory(QueueState.MAILDROP, good).resolve("." + good + ".tmp123");
        Files.writeString(temp, "half");
        int[] woken = {0};

        assertEquals(1, new Pickup(queue, java.time.Duration.ofSeconds(1), () -> woken[0]++, new LogLines().log("queue")).runOnce());

        assertEquals(QueueState.INCOMING, queue.locate(good).orElseThrow().state());
        assertEquals(QueueState.CORRUPT, queue.locate(bad).orElseThrow().state());
        assertTrue(Files.exists(temp), "a temp file is an injection in progress: pickup leaves it");
        assertEquals(1, woken[0]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void messageCountSeesEveryLiveStateAndStagedMovesButNotCorrupt(String fs, Path dir) throws IOException {
        QueueDirectories queue = QueueDirectories.of(dir.resolve("queue"));
        assertEquals(0, QueueDirectories.messageCount(queue.root()), "a queue that does not exist yet is empty");
        QueueWriter writer = new QueueWriter(queue, clock);
        for (QueueState state : QueueState.values()) {
            QueueId id = writer.inject("", List.of("a@x"), MESSAGE);
            if (state != QueueState.MAILDROP) {
                queue.move(queue.locate(id).orElseThrow(), state);
            }
        }
        QueueId staged = writer.inject("", List.of("a@x"), MESSAGE);
        queue.rename(queue.locate(staged).orElseThrow().path(), queue.moveDirectory().resolve(staged.value()));
        Files.writeString(queue.moveDirectory().resolve(staged + ".journal"), "x");

        assertEquals(QueueState.LIVE.size() + 1, QueueDirectories.messageCount(queue.root()));
        assertEquals(1, QueueDirectories.quarantinedCount(queue.root()));
        assertEquals(new QueueStat(QueueState.LIVE.size() + 1, 2), new QueueAdmin(queue).stat(),
                "the message a move has staged is still in the queue");
        assertFalse(new QueueAdmin(queue).stat().text().isEmpty());
    }

    /** Regression: Files.walk failed with NoSuchFileException when a file moved during the count. */
    @Test
    void messageCountSurvivesFilesMovingWhileItCounts() throws Exception {
        QueueDirectories queue = QueueDirectories.of(realTemp.resolve("busy"), org.storemulti.fs.DirectorySync.NONE);
        QueueWriter writer = new QueueWriter(queue, clock);
        List<QueueId> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(writer.inject("", List.of("a@x"), MESSAGE));
        }
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread mover = new Thread(() -> {
            try {
                while (!stop.get()) {
                    for (QueueId id : ids) {
                        QueueLocation at = queue.locate(id).orElseThrow();
                        queue.move(at, at.state() == QueueState.MAILDROP ? QueueState.INCOMING : QueueState.MAILDROP);
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        mover.start();
        try {
            long end = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < end) {
                long n = QueueDirectories.messageCount(queue.root());
                assertTrue(n >= 0 && n <= 40, "count " + n);
            }
        } finally {
            stop.set(true);
            mover.join();
        }
        assertEquals(20, QueueDirectories.messageCount(queue.root()));
    }

    /** The on-disk format is a contract with older and newer versions: encode must match the golden file byte for byte. */
    @Test
    void theQueueFileFormatMatchesTheGoldenFile() throws IOException {
        Path golden = org.storemulti.config.TestFixtures.root().resolve("queue/019AB3C4D5E6F0123456789ABCDE");
        QueuedMessage read = QueueFile.read(golden);
        QueueEnvelope expected = new QueueEnvelope(new QueueId("019AB3C4D5E6F0123456789ABCDE"), "joe@example.com",
                List.of("ann@example.com", "bob@example.com"), Instant.parse("2026-11-23T09:43:17.123Z"), 2,
                Instant.parse("2026-11-23T10:03:17.123Z"), "ann@example.com: 451 4.3.0 try later");
        assertEquals(expected, read.envelope());
        assertEquals(QueueFile.readEnvelope(golden), expected);
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(golden), QueueFile.encode(expected, read.message())));
    }
}
