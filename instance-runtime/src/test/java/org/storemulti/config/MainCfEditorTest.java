package org.storemulti.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.storemulti.testing.FileSystemsUnderTest;

/** One contract, two file systems: jimfs and the real one. */
class MainCfEditorTest {

    @TempDir
    static Path realDirectory;

    static Stream<Arguments> fileSystems() {
        return FileSystemsUnderTest.both(realDirectory);
    }

    private static Path mainCf(Path dir, String test) throws IOException {
        Path d = Files.createDirectories(dir.resolve(test));
        Path file = d.resolve("main.cf");
        Files.writeString(file, "# keep me\nqueue_directory = /q\n");
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void editReplacesTheFileAndLeavesNoTempFileBehind(String fs, Path dir) throws IOException {
        Path file = mainCf(dir, "replace");
        MainCfEditor.edit(file, Map.of("queue_directory", "/new", "data_directory", "/d"), List.of());
        assertEquals("# keep me\nqueue_directory = /new\ndata_directory = /d\n", Files.readString(file));
        try (Stream<Path> entries = Files.list(file.getParent())) {
            assertEquals(List.of("main.cf", "main.cf.lock"), entries.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aFailedEditChangesNothing(String fs, Path dir) throws IOException {
        Path file = mainCf(dir, "failed");
        assertThrows(ConfigException.class, () -> MainCfEditor.edit(file, Map.of("bad name", "x"), List.of()));
        assertEquals("# keep me\nqueue_directory = /q\n", Files.readString(file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void editingAMissingFileFailsNamingIt(String fs, Path dir) {
        Path missing = dir.resolve("nowhere/main.cf");
        ConfigException e = assertThrows(ConfigException.class, () -> MainCfEditor.set(missing, Map.of("a", "1")));
        assertEquals(true, e.getMessage().contains("nowhere/main.cf"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void concurrentEditorsNeverLoseAnEdit(String fs, Path dir) throws Exception {
        Path file = mainCf(dir, "concurrent");
        int threads = 8;
        int edits = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < edits; i++) {
                        MainCfEditor.set(file, Map.of("p_" + thread + "_" + i, String.valueOf(i)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        MainCf result = MainCf.read(file);
        assertEquals(threads * edits + 1, result.values().size());
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < edits; i++) {
                assertEquals(String.valueOf(i), result.value("p_" + t + "_" + i).orElseThrow());
            }
        }
    }
}
