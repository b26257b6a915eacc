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
import org.storemulti.testing.ExportRulesContract;
import org.storemulti.testing.ModuleExports;

/**
 * What store-imap exports (only {@code org.storemulti.imap}, the API) and how its packages
 * depend on each other, read from the sources: the export rules every module states with
 * {@link ModuleExports} (which says why they are a test and not a module-info.java), and
 * store-imap's layering.
 */
class ExportRulesTest extends ExportRulesContract {

    /** Public types no other package uses yet, and why they are public anyway. */
    private static final ModuleExports RULES = ModuleExports.of("store-imap", Set.of("org.storemulti.imap"), Map.of());
    private static final Path SOURCES = RULES.checkout().resolve("store-imap/src/main/java/org/storemulti/imap");
    private static final Pattern INTERNAL_IMPORT = Pattern.compile("org\\.storemulti\\.imap\\.([a-z]\\w*)\\.");
    private static final List<String> PACKAGES = List.of("command", "parse", "response", "net", "session",
            "mailbox", "message");

    /** Which store-imap packages each package may use (besides the root package's value types). */
    private static final Map<String, Set<String>> MAY_USE = Map.of(
            "command", Set.of(),
            "parse", Set.of("command"),
            "response", Set.of("command", "net"),
            "net", Set.of(),
            "session", Set.of("command", "parse", "response", "net", "mailbox", "message"),
            "mailbox", Set.of("command"),
            "message", Set.of("command", "response"));

    @Override
    protected ModuleExports rules() {
        return RULES;
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
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
}
