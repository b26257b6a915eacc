package org.storemulti.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** What store-sync may use, read from the sources ({@code ExportRulesTest} says what it exports). */
class ModuleRulesTest {

    private static final Path CHECKOUT = Path.of(System.getProperty("storemulti.checkout", ".."));
    private static final Path SOURCES = CHECKOUT.resolve("store-sync/src/main/java");
    private static final Pattern STOREMULTI_IMPORT = Pattern.compile("import (?:static )?(org\\.storemulti\\.[a-z0-9.]+)\\.[A-Z]");

    private static List<Path> javaFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void storeSyncUsesTheEngineAndNothingAboveIt() throws IOException {
        List<String> hits = new ArrayList<>();
        for (Path file : javaFiles(SOURCES)) {
            String text = Files.readString(file);
            Matcher m = STOREMULTI_IMPORT.matcher(text);
            while (m.find()) {
                String used = m.group(1);
                if (!used.startsWith("org.storemulti.sync") && !used.startsWith("org.storemulti.store")
                        && !used.equals("org.storemulti.fs")) {
                    hits.add(file.getFileName() + ": " + used);
                }
            }
            for (String forbidden : List.of("picocli", "main.cf", "java.net.Socket", "ServerSocket")) {
                if (text.contains(forbidden)) {
                    hits.add(file.getFileName() + ": " + forbidden);
                }
            }
        }
        assertEquals(List.of(), hits);
    }

    @Test
    void fileCodeUsesPathsOnlySoItRunsOnJimfs() throws IOException {
        List<String> hits = new ArrayList<>();
        for (Path file : javaFiles(SOURCES)) {
            String text = Files.readString(file);
            for (String forbidden : List.of("java.io.File;", "toFile()", "Path.of(", "Paths.get(", "new File(")) {
                if (text.contains(forbidden)) {
                    hits.add(file.getFileName() + ": " + forbidden);
                }
            }
        }
        assertEquals(List.of(), hits);
    }

    @Test
    void everyPackageSaysWhatItOwns() throws IOException {
        try (Stream<Path> dirs = Files.walk(SOURCES.resolve("org/storemulti/sync"))) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                boolean hasCode;
                try (Stream<Path> files = Files.list(dir)) {
                    hasCode = files.anyMatch(f -> f.toString().endsWith(".java"));
                }
                if (hasCode) {
                    assertTrue(Files.isRegularFile(dir.resolve("package-info.java")), dir.toString());
                }
            }
        }
    }
}
