package org.storemulti.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a module exports, checked from the sources of the whole checkout: the rule every
 * module's {@code ExportRulesTest} states, with the packages the module exports (its API, the
 * way jimfs exports one package) and the types it keeps public for a reason the test names.
 *
 * <p>A rule test rather than a {@code module-info.java}: the launchers and the daemon run every
 * module on the class path, where a module descriptor is ignored, and the tests cross module
 * boundaries with split packages ({@code org.storemulti.testing} here and in instance-manager,
 * instance-manager's tests in instance-runtime's {@code org.storemulti.cli}) that the module
 * path refuses. Two rules:
 *
 * <ol>
 * <li>no other module (main or test code) names a type of a package this module does not
 * export, nor declares classes in such a package, nor names a type listed as the module's own
 * use (public in an exported package only for the module's other packages);
 * <li>a public type is named outside its package: by main code of another package of this
 * module or, when its package is exported, by any client of the API (another module, or this
 * module's tests of other packages); or it is a program's entry point
 * ({@code main}), or listed with the reason it is public anyway (an exported API type nobody
 * names yet, a type public methods return). Tests live in their code's package and need
 * nothing public.
 * </ol>
 *
 * <p>Types are found by their qualified names outside comments and string literals; the
 * project uses no wildcard imports (the first rule fails on one that names this module).
 *
 * @param checkout the directory holding the modules
 * @param module the module's directory name, such as {@code store-engine}
 * @param exported the packages other modules may use
 * @param publicAnyway public types no other package names, as {@code package.Type} (relative to
 *     {@code org.storemulti.}), each with why it is public
 * @param ownUse public types of exported packages that only this module's other packages may
 *     use, as {@code package.Type}, each with why it is public
 */
public record ModuleExports(Path checkout, String module, Set<String> exported, Map<String, String> publicAnyway,
        Map<String, String> ownUse) {

    private static final String ROOT = "org.storemulti.";
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\b(org\\.storemulti(?:\\.[a-z][a-z0-9_]*)*)\\.([A-Z]\\w*|\\*)");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:(?:final|abstract|sealed|non-sealed|static|strictfp)\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)",
            Pattern.MULTILINE);
    private static final Pattern MAIN = Pattern.compile("public\\s+static\\s+void\\s+main\\s*\\(\\s*(?:final\\s+)?String");

    /** The module in the checkout the build runs in ({@code storemulti.checkout}, else the parent directory). */
    public static ModuleExports of(String module, Set<String> exported, Map<String, String> publicAnyway) {
        String property = System.getProperty("storemulti.checkout");
        Path checkout = property != null ? Path.of(property) : Path.of("..");
        return new ModuleExports(checkout.toAbsolutePath().normalize(), module, exported, publicAnyway, Map.of());
    }

    /** The same rules, with types of exported packages that no other module may name. */
    public ModuleExports withOwnUse(Map<String, String> types) {
        return new ModuleExports(checkout, module, exported, publicAnyway, types);
    }

    /** Rule 1: each place another module uses a package this one does not export or a type of its own use. */
    public List<String> usesOfUnexportedPackages() {
        Set<String> internal = new TreeSet<>(packages());
        internal.removeAll(exported);
        List<String> uses = new ArrayList<>();
        for (Path other : otherModules()) {
            for (Path file : javaFiles(other.resolve("src"))) {
                Source source = source(file);
                if (internal.contains(source.pkg())) {
                    uses.add(checkout.relativize(file) + ": declares package " + source.pkg());
                }
                Matcher m = QUALIFIED.matcher(source.code());
                while (m.find()) {
                    String name = m.group(1) + "." + m.group(2);
                    if (internal.contains(m.group(1)) || ownUse.containsKey(name.substring(ROOT.length()))) {
                        uses.add(checkout.relativize(file) + ": " + name);
                    }
                }
            }
        }
        return uses;
    }

    /** Rule 2: public types that nothing outside their package needs public. */
    public List<String> needlesslyPublicTypes() {
        List<String> needless = new ArrayList<>();
        for (Path file : javaFiles(mainSources())) {
            String text = read(file);
            Matcher type = PUBLIC_TYPE.matcher(text);
            if (!type.find() || MAIN.matcher(text).find()) {
                continue;
            }
            String pkg = packageOf(text);
            String name = pkg.substring(ROOT.length()) + "." + type.group(1);
            if (!publicAnyway.containsKey(name) && !namedOutsideItsPackage(pkg, type.group(1))) {
                needless.add(name);
            }
        }
        return needless;
    }

    /**
     * Listed types that no longer apply: gone or not public; kept public although named outside
     * their package after all; of the module's own use in a package it does not export anyway.
     */
    public List<String> staleExceptions() {
        List<String> stale = new ArrayList<>();
        for (String name : new TreeSet<>(publicAnyway.keySet())) {
            if (!isPublic(name) || namedOutsideItsPackage(ROOT + name.substring(0, name.lastIndexOf('.')),
                    name.substring(name.lastIndexOf('.') + 1))) {
                stale.add(name);
            }
        }
        for (String name : new TreeSet<>(ownUse.keySet())) {
            if (!isPublic(name) || !exported.contains(ROOT + name.substring(0, name.lastIndexOf('.')))) {
                stale.add(name);
            }
        }
        return stale;
    }

    private boolean isPublic(String name) {
        int dot = name.lastIndexOf('.');
        Path file = mainSources().resolve((ROOT + name.substring(0, dot)).replace('.', '/'))
                .resolve(name.substring(dot + 1) + ".java");
        return Files.isRegularFile(file) && PUBLIC_TYPE.matcher(read(file)).find();
    }

    /** The packages this module's main code declares. */
    public Set<String> packages() {
        Set<String> packages = new TreeSet<>();
        for (Path file : javaFiles(mainSources())) {
            packages.add(source(file).pkg());
        }
        return packages;
    }

    private boolean namedOutsideItsPackage(String pkg, String type) {
        Pattern qualified = Pattern.compile("\\b" + Pattern.quote(pkg + "." + type) + "\\b");
        for (Path file : javaFiles(mainSources())) {
            Source source = source(file);
            if (!source.pkg().equals(pkg) && qualified.matcher(source.code()).find()) {
                return true;
            }
        }
        if (!exported.contains(pkg)) {
            return false;
        }
        // an exported type's users: any code of another module, and this module's tests of other packages
        Pattern simple = Pattern.compile("\\b" + Pattern.quote(type) + "\\b");
        List<Path> clients = new ArrayList<>(javaFiles(checkout.resolve(module).resolve("src/test/java")));
        for (Path other : otherModules()) {
            clients.addAll(javaFiles(other.resolve("src")));
        }
        for (Path file : clients) {
            Source source = source(file);
            boolean samePackage = source.pkg().equals(pkg);
            if (samePackage && file.startsWith(checkout.resolve(module))) {
                continue;
            }
            if ((samePackage ? simple : qualified).matcher(source.code()).find()) {
                return true;
            }
        }
        return false;
    }

    private Path mainSources() {
        return checkout.resolve(module).resolve("src/main/java");
    }

    private List<Path> otherModules() {
        try (Stream<Path> dirs = Files.list(checkout)) {
            return dirs.filter(d -> Files.isDirectory(d.resolve("src")) && !d.getFileName().toString().equals(module))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A source file's package and its text without comments and literals. */
    private record Source(String pkg, String code) {
    }

    private static final Map<Path, Source> SOURCES = new ConcurrentHashMap<>();

    private static Source source(Path file) {
        return SOURCES.computeIfAbsent(file, f -> {
            String text = read(f);
            return new Source(packageOf(text), code(text));
        });
    }

    private static List<Path> javaFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String packageOf(String text) {
        Matcher m = PACKAGE.matcher(text);
        return m.find() ? m.group(1) : "";
    }

    /** The text without comments, string and character literals (a class name in a string is not a use). */
    static String code(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int end = literalOrCommentEnd(text, i);
            if (end == i) {
                out.append(text.charAt(i++));
            } else {
                out.append(' ');
                i = end;
            }
        }
        return out.toString();
    }

    /** Where the comment or literal starting at {@code i} ends, or {@code i} if none starts there. */
    private static int literalOrCommentEnd(String text, int i) {
        if (text.startsWith("//", i)) {
            int end = text.indexOf('\n', i);
            return end < 0 ? text.length() : end;
        }
        if (text.startsWith("/*", i)) {
            int end = text.indexOf("*/", i + 2);
            return end < 0 ? text.length() : end + 2;
        }
        if (text.startsWith("\"\"\"", i)) {
            int end = text.indexOf("\"\"\"", i + 3);
            return end < 0 ? text.length() : end + 3;
        }
        char c = text.charAt(i);
        if (c != '"' && c != '\'') {
            return i;
        }
        int j = i + 1;
        while (j < text.length() && text.charAt(j) != c && text.charAt(j) != '\n') {
            j += text.charAt(j) == '\\' ? 2 : 1;
        }
        return Math.min(j + 1, text.length());
    }
}
