package org.storemulti.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.storemulti.registry.Instance;

class IterationTest {

    private static Step step(String name, String group) {
        Path d = Path.of("/etc/" + name);
        return new Step(new Instance(d, name, group, true, false, d.resolve("q"), d.resolve("d"), Path.of("/bin"),
                Path.of("/bin"), name, List.of(), List.of()), List.of("status"));
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void iterationGoesOnPastAFailureAndReportsEveryFailedInstance() {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        StepExecutor executor = (s, o, e) -> {
            ran.add(s.instance().name());
            return s.instance().name().endsWith("b") ? 1 : 0;
        };
        IterationException e = assertThrows(IterationException.class, () -> new Iteration(executor, out, err, true)
                .run(Waves.of(List.of(step("store-a", ""), step("store-b", ""), step("store-c", ""))), 1));
        assertEquals(List.of("store-a", "store-b", "store-c"), ran);
        assertEquals("1 of 3 instance runs failed: store-b", e.getMessage());
        assertTrue(err.toString().contains("storemulti: warning: instance store-b: status failed: exit status 1"));
    }

    @Test
    void parallelOutputIsPrefixedAndNeverInterleavedMidLine() {
        StepExecutor executor = (s, o, e) -> {
            for (int i = 0; i < 200; i++) {
                for (char c : ("line " + i + " of " + s.instance().name() + "\n").toCharArray()) {
                    o.write(c);
                }
            }
            return 0;
        };
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            steps.add(step("store-" + i, "g"));
        }
        new Iteration(executor, out, err, true).run(Waves.of(steps), 4);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(8 * 200, lines.length);
        for (String line : lines) {
            assertTrue(line.matches("(store-\\d): line \\d+ of \\1"), line);
        }
    }

    /**
     * Each run holds its slot until a second run of its wave has run beside it (the last run
     * of a wave may be alone): so two really run at once, and a third would be seen.
     */
    @Test
    void atMostNInstancesOfAWaveRunAtOnceAndWavesDoNotOverlap() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Map<String, AtomicInteger> started = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> mostInWave = new ConcurrentHashMap<>();
        Map<String, Integer> waveSize = Map.of("a", 3, "b", 2);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        StepExecutor executor = (s, o, e) -> {
            String group = s.instance().group();
            int now = running.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            AtomicInteger peak = mostInWave.computeIfAbsent(group, g -> new AtomicInteger());
            peak.accumulateAndGet(now, Math::max);
            order.add("start " + group);
            boolean lastOfWave = started.computeIfAbsent(group, g -> new AtomicInteger()).incrementAndGet()
                    == waveSize.get(group);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!lastOfWave && peak.get() < 2) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no second run of wave " + group + " started beside this one");
                }
                Thread.sleep(1);
            }
            order.add("end " + group);
            running.decrementAndGet();
            return 0;
        };
        List<Step> steps = List.of(step("store-1", "a"), step("store-2", "a"), step("store-3", "a"),
                step("store-4", "b"), step("store-5", "b"));
        new Iteration(executor, out, err, true).run(Waves.of(steps), 2);
        assertEquals(2, most.get());
        int lastEndOfA = order.lastIndexOf("end a");
        int firstStartOfB = order.indexOf("start b");
        assertTrue(lastEndOfA < firstStartOfB, order.toString());
    }

    @Test
    void aLastLineWithoutNewlineIsCompleted() throws Exception {
        try (PrefixedLines lines = new PrefixedLines("x: ", out)) {
            lines.write("one\ntwo".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("x: one\nx: two\n", out.toString(StandardCharsets.UTF_8));
    }
}
