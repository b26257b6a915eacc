package org.storemulti.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.storemulti.testing.InstanceSet;

/** What each package of instance-manager may use, read from the sources (each package-info states it). */
class PackageRulesTest {

    private static final Path SOURCES = InstanceSet.checkout().resolve("instance-manager/src/main/java/org/storemulti");

    private static List<String> offending(String pkg, String... forbidden) throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES.resolve(pkg))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                for (String f : forbidden) {
                    if (text.contains(f)) {
                        hits.add(file.getFileName() + ": " + f);
                    }
                }
            }
        }
        return hits;
    }

    @Test
    void lifeCycleAndRegistryCodeUsesPathsOnlySoItRunsOnJimfs() throws IOException {
        assertEquals(List.of(), offending("lifecycle", "java.io.File;", "toFile()", "Path.of(", "Paths.get("));
        assertEquals(List.of(), offending("registry", "java.io.File;", "toFile()", "Path.of(", "Paths.get("));
    }

    @Test
    void onlyTheCommandLineKnowsTheCommandLine() throws IOException {
        for (String pkg : List.of("registry", "lifecycle", "iterate", "move")) {
            assertEquals(List.of(), offending(pkg, "org.storemulti.manager", "picocli"), pkg);
        }
    }

    @Test
    void theRegistryWritesNothingAndStartsNothing() throws IOException {
        assertEquals(List.of(), offending("registry", "MainCfEditor", "AtomicFile", "ProcessBuilder", "commons.exec"));
    }

    @Test
    void onlyThePackagingStepUsesTheBuildOnlyLibraries() throws IOException {
        // picocli-codegen and jdeb are on the build's class path only, not in lib/
        for (String pkg : List.of("registry", "lifecycle", "iterate", "manager", "systemd", "training")) {
            assertEquals(List.of(), offending(pkg, "picocli.codegen", "org.vafer"), pkg);
        }
    }

    @Test
    void theCommandLineTouchesNoFileAndStartsNoProcess() throws IOException {
        assertEquals(List.of(), offending("manager", "java.nio.file.Files", "Files.", "ProcessBuilder",
                "commons.exec", "System.setOut", "Runtime.getRuntime"));
    }

    @Test
    void everyPackageSaysWhatItOwns() {
        for (String pkg : List.of("registry", "lifecycle", "iterate", "manager", "move", "packaging", "systemd",
                "training")) {
            assertEquals(true, Files.isRegularFile(SOURCES.resolve(pkg).resolve("package-info.java")), pkg);
        }
    }
}
