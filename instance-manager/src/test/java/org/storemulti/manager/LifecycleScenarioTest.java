package org.storemulti.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.testing.FileSystemsUnderTest;
import org.storemulti.testing.InstanceSet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The scenario table in {@code test-fixtures/lifecycle/*.yaml}: each file is a sequence of
 * {@code storemulti} runs on a fresh sandbox, each with its expected exit status, stderr
 * fragment, {@code multi_instance_directories} and main.cf contents. {@code $ROOT} stands
 * for the sandbox root. Every scenario runs twice: on jimfs and on the real file system.
 */
class LifecycleScenarioTest {

    @TempDir
    static Path realTemp;

    /** One file. */
    record Scenario(String description, List<Step> steps) {
    }

    /**
     * One step: {@code run} (arguments after {@code -c PRIMARY}, a string split on white
     * space or a list) with expectations, or {@code write} (files to create first).
     */
    record Step(String name, Object run, Integer exit, String stderr, String stdout, List<String> directories,
            Map<String, String> write, Map<String, String> mainCf, List<String> present, List<String> absent) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    @TestFactory
    Stream<DynamicNode> everyScenarioFileHoldsStepByStep() throws IOException {
        Path dir = InstanceSet.checkout().resolve("test-fixtures/lifecycle");
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no scenario files in " + dir);
        return files.stream().map(file -> DynamicContainer.dynamicContainer(file.getFileName().toString(),
                FileSystemsUnderTest.roots(realTemp).stream().map(root -> container(file, root))));
    }

    private static DynamicContainer container(Path file, FileSystemsUnderTest.Root root) {
        Scenario scenario;
        try {
            scenario = YAML.readValue(file.toFile(), Scenario.class);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file + ": " + e.getMessage(), e);
        }
        InstanceSet[] set = new InstanceSet[1];
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (Step step : scenario.steps()) {
            n++;
            String title = n + ": " + (step.name() != null ? step.name() : String.valueOf(step.run()));
            boolean first = n == 1;
            tests.add(DynamicTest.dynamicTest(title, () -> {
                if (first) {
                    set[0] = InstanceSet.on(root.directory().resolve("sandbox"));
                }
                check(set[0], step, file.getFileName() + " on " + root + " step " + title);
            }));
        }
        return DynamicContainer.dynamicContainer(root + ": " + scenario.description(), tests);
    }

    private static void check(InstanceSet set, Step step, String where) throws IOException {
        String root = set.root().toString();
        if (step.write() != null) {
            step.write().forEach((path, text) -> set.write(path, text.replace("$ROOT", root)));
        }
        if (step.run() != null) {
            InstanceSet.Result r = set.run(arguments(step.run(), root));
            String seen = "\nstdout: " + r.out() + "\nstderr: " + r.err();
            assertEquals(step.exit() == null ? 0 : step.exit(), r.exit(), where + seen);
            if (step.stderr() != null) {
                assertTrue(r.err().contains(step.stderr().replace("$ROOT", root)), where + ": stderr lacks '"
                        + step.stderr() + "'" + seen);
            } else if (r.exit() == 0) {
                assertEquals("", r.err(), where + ": unexpected stderr" + seen);
            }
            if (step.stdout() != null) {
                assertEquals(step.stdout().replace("$ROOT", root), r.out(), where + seen);
            }
        }
        if (step.directories() != null) {
            List<String> expected = step.directories().stream().map(d -> d.replace("$ROOT", root)).toList();
            assertEquals(expected, set.directories(), where + ": multi_instance_directories");
        }
        if (step.mainCf() != null) {
            for (Map.Entry<String, String> e : step.mainCf().entrySet()) {
                String text = Files.readString(set.path(e.getKey()).resolve("main.cf"));
                for (String line : e.getValue().replace("$ROOT", root).split("\n")) {
                    assertTrue(text.contains(line), where + ": " + e.getKey() + "/main.cf lacks '" + line + "':\n" + text);
                }
            }
        }
        if (step.present() != null) {
            step.present().forEach(p -> assertTrue(Files.exists(set.path(p), LinkOption.NOFOLLOW_LINKS), where + ": missing " + p));
        }
        if (step.absent() != null) {
            step.absent().forEach(p -> assertFalse(Files.exists(set.path(p), LinkOption.NOFOLLOW_LINKS), where + ": still there: " + p));
        }
    }

    private static String[] arguments(Object run, String root) {
        List<String> words = run instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : Arrays.asList(String.valueOf(run).trim().split("\\s+"));
        return words.stream().map(w -> w.replace("$ROOT", root)).toArray(String[]::new);
    }
}
