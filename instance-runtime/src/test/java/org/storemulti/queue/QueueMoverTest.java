package org.storemulti.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemulti.testing.FileSystemsUnderTest;

/** Moving mail between two queues, by rename and by journaled copy, and recovery of every interrupted step. */
class QueueMoverTest {

    @TempDir
    static Path realTemp;

    static Stream<Arguments> fileSystems() throws IOException {
        return FileSystemsUnderTest.both(realTemp);
    }

    private static final byte[] MESSAGE = "Subject: t\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
    private final MutableClock clock = new MutableClock(Instant.now());

    private static List<QueueId> all(QueueDirectories q) throws IOException {
        List<QueueId> ids = new ArrayList<>();
        for (QueueState s : QueueState.values()) {
            q.list(s).forEach(l -> ids.add(l.id()));
        }
        return ids;
    }

    @ParameterizedTest(name = "{0}, copy={1}")
    @MethodSource("withModes")
    void movedMailLandsInTheDestinationsIncomingAndLeavesTheSource(String fs, boolean copy, Path dir) throws IOException {
        QueueDirectories a = QueueDirectories.of(dir.resolve("a"));
        QueueDirectories b = QueueDirectories.of(dir.resolve("b"));
        QueueWriter writer = new QueueWriter(a, clock);
        QueueId held = writer.inject("x@y", List.of("r@y"), MESSAGE);
        new QueueAdmin(a).hold(held);
        QueueId fresh = writer.inject("x@y", List.of("r@y"), MESSAGE);
        QueueId active = writer.inject("x@y", List.of("r@y"), MESSAGE);
        a.move(a.locate(active).orElseThrow(), QueueState.ACTIVE);

        MoveReport report = new QueueMover(a, b, copy, System.err::println).moveAll();

        assertEquals(List.of(held, fresh).stream().sorted().toList(), report.moved().stream().sorted().toList());
        assertEquals(List.of(), report.skipped(), "active mail is not even a candidate for --all");
        assertEquals(List.of(active), all(a));
        assertEquals(QueueState.INCOMING, b.locate(held).orElseThrow().state());
        assertEquals(QueueState.INCOMING, b.locate(fresh).orElseThrow().state());
        assertEquals(0, QueueDirectories.messageCount(a.root()) - 1);
        assertTrue(new QueueMover(a, b, copy, System.err::println).move(List.of(active)).skipped().get(0).endsWith("being delivered; try again"));
        assertEquals(List.of(), new QueueVerifier(a, clock, Duration.ofHours(1)).verify(true));
        assertEquals(List.of(), new QueueVerifier(b, clock, Duration.ofHours(1)).verify(true));
    }

    static Stream<Arguments> withModes() throws IOException {
        List<Arguments> list = new ArrayList<>();
        for (Arguments fs : FileSystemsUnderTest.both(realTemp).toList()) {
            Path d = (Path) fs.get()[1];
            list.add(Arguments.of(fs.get()[0], false, d.resolve("rename")));
            list.add(Arguments.of(fs.get()[0], true, d.resolve("copy")));
        }
        return list.stream();
    }

    /** Leaves the state a kill just before {@code step} runs would leave, by hand. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void everyInterruptedCopyStepIsUndoneOrFinishedByVerifyOnTheSource(String fs, Path dir) throws IOException {
        for (MoveJournal.Step step : MoveJournal.Step.values()) {
            for (boolean stepDone : new boolean[] {false, true}) {
                Path d = dir.resolve(step + "-" + stepDone);
                QueueDirectories a = QueueDirectories.of(d.resolve("a")).create();
                QueueDirectories b = QueueDirectories.of(d.resolve("b")).create();
                QueueId id = new QueueWriter(a, clock).inject("x@y", List.of("r@y"), MESSAGE);
                a.move(a.locate(id).orElseThrow(), QueueState.DEFERRED);
                Path original = a.file(QueueState.DEFERRED, id);
                byte[] bytes = Files.readAllBytes(original);
                Path staged = a.moveDirectory().resolve(id.value());
                Path temp = MoveJournal.copyTemp(b, id);
                new MoveJournal(id, step, QueueState.DEFERRED, b.root(), QueueState.INCOMING).write(a);
                boolean published;
                switch (step) {
                    case CLAIM -> {
                        if (stepDone) {
                            Files.move(original, staged);
                        }
                        published = false;
                    }
                    case COPY -> {
                        Files.move(original, staged);
                        Files.write(temp, stepDone ? bytes : java.util.Arrays.copyOf(bytes, 10));
                        published = false;
                    }
                    case PUBLISH -> {
                        Files.move(original, staged);
                        Files.write(stepDone ? b.file(QueueState.INCOMING, id) : temp, bytes);
                        published = true;
                    }
                    default -> {
                        Files.write(b.file(QueueState.INCOMING, id), bytes);
                        if (!stepDone) {
                            Files.move(original, staged);
                        } else {
                            Files.delete(original);
                        }
                        published = true;
                    }
                }
                // the destination first: it must leave the copy in flight alone
                new QueueVerifier(b, clock, Duration.ZERO).verify(true);
                List<VerifyFinding> report = new QueueVerifier(a, clock, Duration.ZERO).verify(true);

                String where = step + (stepDone ? " done" : " not done") + ": " + report;
                assertEquals(published ? List.of() : List.of(id), all(a), where);
                assertEquals(published ? List.of(id) : List.of(), all(b), where);
                if (!published) {
                    assertEquals(QueueState.DEFERRED, a.locate(id).orElseThrow().state(), where);
                }
                assertFalse(Files.exists(temp), where);
                assertEquals(0, QueueDirectories.messageCount(a.root()) + QueueDirectories.messageCount(b.root()) - 1, where);
                assertEquals(List.of(), new QueueVerifier(a, clock, Duration.ZERO).verify(true), where);
            }
        }
    }
}
