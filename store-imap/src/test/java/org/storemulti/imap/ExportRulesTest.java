package org.storemulti.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * What store-imap exports and how its packages depend on each other, read from the
 * sources. A rule test rather than a module-info.java: the modules that use store-imap
 * run on the class path (the launchers and the daemon JVM use -cp), where a module
 * descriptor is ignored, so it would guard nothing; and store-engine, which StoreBackend
 * needs, has no module name in the reactor build. This test fails the build instead.
 */
class ExportRulesTest {

    private static final Path CHECKOUT = Path.of(System.getProperty("storemulti.checkout", ".."));
    private static final Path SOURCES = CHECKOUT.resolve("store-imap/src/main/java/org/storemulti/imap");
    private static final Pattern INTERNAL_IMPORT = Pattern.compile("org\\.storemulti\\.imap\\.([a-z]\\w*)\\.");
    private static final List<String> PACKAGES = List.of("command", "parse", "response", "net", "session");

    /** Which store-imap packages each package may use (besides the root package's value types). */
    private static final Map<String, Set<String>> MAY_USE = Map.of(
            "command", Set.of(),
            "parse", Set.of("command"),
            "response", Set.of("command", "net"),
            "net", Set.of(),
            "session", Set.of("command", "parse", "response", "net"));

    private static List<Path> javaFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void otherModulesUseOnlyTheExportedPackage() throws IOException {
        List<String> offending = new ArrayList<>();
        try (Stream<Path> modules = Files.list(CHECKOUT)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src"))).toList()) {
                if (module.getFileName().toString().equals("store-imap")) {
                    continue;
                }
                for (Path file : javaFiles(module.resolve("src"))) {
                    Matcher m = INTERNAL_IMPORT.matcher(Files.readString(file));
                    while (m.find()) {
                        offending.add(CHECKOUT.relativize(file) + ": org.storemulti.imap." + m.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), offending, "only org.storemulti.imap is exported; the rest is store-imap's own");
    }

    @Test
    void eachPackageUsesOnlyThePackagesBelowIt() throws IOException {
        List<String> offending = new ArrayList<>();
        for (String pkg : PACKAGES) {
            for (Path file : javaFiles(SOURCES.resolve(pkg))) {
                String text = Files.readString(file);
                Matcher m = INTERNAL_IMPORT.matcher(text);
                while (m.find()) {
                    if (!m.group(1).equals(pkg) && !MAY_USE.get(pkg).contains(m.group(1))) {
                        offending.add(pkg + "/" + file.getFileName() + " uses " + m.group(1));
                    }
                }
                if (text.contains("org.storemulti.imap.ImapServer")) {
                    offending.add(pkg + "/" + file.getFileName() + " uses ImapServer");
                }
            }
        }
        assertEquals(List.of(), offending);
    }

    @Test
    void everyPackageSaysWhatItOwns() {
        assertTrue(Files.isRegularFile(SOURCES.resolve("package-info.java")));
        for (String pkg : PACKAGES) {
            assertTrue(Files.isRegularFile(SOURCES.resolve(pkg).resolve("package-info.java")), pkg);
        }
    }

    /** Public types no other package uses yet, and why they are public anyway. */
    private static final Map<String, String> PUBLIC_AHEAD = Map.of(
            "response.LiteralSource", "ResponseWriter.literal's parameter; the FETCH handlers stream bodies with it");

    /** Package-private by default: a public type in an internal package must be used by another package. */
    @Test
    void publicInternalTypesAreUsedOutsideTheirPackage() throws IOException {
        Pattern publicType = Pattern.compile("^public (?:final |abstract |sealed )*(?:class|interface|record|enum) (\\w+)",
                Pattern.MULTILINE);
        List<String> unused = new ArrayList<>();
        for (String pkg : PACKAGES) {
            for (Path file : javaFiles(SOURCES.resolve(pkg))) {
                Matcher m = publicType.matcher(Files.readString(file));
                if (!m.find()) {
                    continue;
                }
                Pattern use = Pattern.compile("\\b" + m.group(1) + "\\b");
                boolean used = false;
                for (Path other : javaFiles(SOURCES)) {
                    if (!other.getParent().equals(file.getParent()) && use.matcher(Files.readString(other)).find()) {
                        used = true;
                        break;
                    }
                }
                if (!used && !PUBLIC_AHEAD.containsKey(pkg + "." + m.group(1))) {
                    unused.add(pkg + "." + m.group(1));
                }
            }
        }
        assertEquals(List.of(), unused, "make these package-private");
    }
}
