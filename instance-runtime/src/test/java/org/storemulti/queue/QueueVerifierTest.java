package org.storemulti.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemulti.testing.FileSystemsUnderTest;

/** Queue verify finds and repairs damage: one contract on jimfs and on a real directory. */
class QueueVerifierTest {

    @TempDir
    static Path realTemp;

    static Stream<Arguments> fileSystems() throws IOException {
        return FileSystemsUnderTest.both(realTemp);
    }

    private static final byte[] MESSAGE = "Subject: t\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
    private final MutableClock clock = new MutableClock(Instant.now());

    private static List<String> problems(List<VerifyFinding> findings) {
        return findings.stream().map(VerifyFinding::problem).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aHealthyQueueHasNothingToReport(String fs, Path dir) throws IOException {
        QueueDirectories queue = QueueDirectories.of(dir);
        QueueWriter writer = new QueueWriter(queue, clock);
        writer.inject("a@x", List.of("b@x"), MESSAGE);
        QueueId deferred = writer.inject("a@x", List.of("b@x"), MESSAGE);
        queue.move(queue.locate(deferred).orElseThrow(), QueueState.DEFERRED);
        assertEquals(List.of(), new QueueVerifier(queue, clock, Duration.ofHours(1)).verify(true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void repairRemovesStaleTempsAndKeepsFreshOnes(String fs, Path dir) throws IOException {
        QueueDirectories queue = QueueDirectories.of(dir).create();
        Path stale = queue.directory(QueueState.MAILDROP).resolve("3/.0123.tmp99");
        Path fresh = queue.directory(QueueState.MAILDROP).resolve("4/.0124.tmp98");
        Files.writeString(stale, "half");
        Files.writeString(fresh, "half");
        Files.setLastModifiedTime(stale, FileTime.from(clock.instant().minus(Duration.ofHours(2))));
        Files.setLastModifiedTime(fresh, FileTime.from(clock.instant()));
        QueueVerifier verifier = new QueueVerifier(queue, clock, Duration.ofHours(1));

        List<VerifyFinding> report = verifier.verify(false);
        assertEquals(1, report.size());
        assertTrue(report.get(0).problem().startsWith("stale temp file"), report.toString());
        assertTrue(Files.exists(stale), "verify without --repair changes nothing");

        assertEquals("removed", verifier.verify(true).get(0).repair());
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void damagedMismatchedAndStrayFilesAreQuarantinedAndMisplacedOnesRehashed(String fs, Path dir) throws IOException {
        QueueDirectories queue = QueueDirectories.of(dir);
        QueueWriter writer = new QueueWriter(queue, clock);
        QueueId truncated = writer.inject("a@x", List.of("b@x"), MESSAGE);
        QueueId misplaced = writer.inject("a@x", List.of("b@x"), MESSAGE);
        QueueId mismatched = writer.inject("a@x", List.of("b@x"), MESSAGE);
        QueueId other = writer.inject("a@x", List.of("b@x"), MESSAGE);
        Path t = queue.file(QueueState.MAILDROP, truncated);
        byte[] bytes = Files.readAllBytes(t);
        Files.write(t, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        String wrongHash = misplaced.hashDirectory().equals("0") ? "1" : "0";
        Path wrong = queue.directory(QueueState.MAILDROP).resolve(wrongHash).resolve(misplaced.value());
        Files.move(queue.file(QueueState.MAILDROP, misplaced), wrong);
        // a copy of another message's file under a third ID: what a careless copy leaves
        Files.copy(queue.file(QueueState.MAILDROP, other), queue.file(QueueState.MAILDROP, mismatched),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path stray = queue.directory(QueueState.DEFERRED).resolve("7/notes.txt");
        Files.writeString(stray, "hello");

        List<VerifyFinding> report = new QueueVerifier(queue, clock, Duration.ofHours(1)).verify(true);

        assertEquals(4, report.size(), report.toString());
        assertEquals(QueueState.CORRUPT, queue.locate(truncated).orElseThrow().state());
        assertEquals(QueueState.CORRUPT, queue.locate(mismatched).orElseThrow().state());
        assertEquals(queue.file(QueueState.MAILDROP, misplaced), queue.locate(misplaced).orElseThrow().path());
        assertFalse(Files.exists(stray));
        assertTrue(Files.exists(queue.directory(QueueState.CORRUPT).resolve("notes.txt")));
        assertTrue(problems(report).contains("file holds queue ID " + other), report.toString());
        assertEquals(List.of(), new QueueVerifier(queue, clock, Duration.ofHours(1)).verify(true), "a second run finds nothing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aStagedMessageWithoutJournalGoesBackToIncomingAndABadJournalIsQuarantined(String fs, Path dir) throws IOException {
        QueueDirectories queue = QueueDirectories.of(dir);
        QueueId id = new QueueWriter(queue, clock).inject("a@x", List.of("b@x"), MESSAGE);
        queue.rename(queue.locate(id).orElseThrow().path(), queue.moveDirectory().resolve(id.value()));
        Path badJournal = queue.moveDirectory().resolve(QueueId.next(clock, new java.util.Random(3)) + ".journal");
        Files.writeString(badJournal, "step sideways\n");
        assertEquals(0, QueueDirectories.messageCount(queue.root()) - 1, "a staged message still counts");

        List<VerifyFinding> report = new QueueVerifier(queue, clock, Duration.ofHours(1)).verify(true);

        assertEquals(List.of("bad journal: unknown step \"sideways\"",
                "staged for a move but has no journal"), problems(report));
        assertEquals(QueueState.INCOMING, queue.locate(id).orElseThrow().state());
        assertFalse(Files.exists(badJournal));
        assertEquals(List.of(), new QueueVerifier(queue, clock, Duration.ofHours(1)).verify(true));
    }
}
