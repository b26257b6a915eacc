package org.storemulti.systemd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.storemulti.config.InstanceConfig;
import org.storemulti.config.MainCf;
import org.storemulti.fs.AtomicFile;

/**
 * Lays out a {@code test-fixtures/systemd/NAME/} instance set under a root directory of any
 * file system, with the checkout's unit templates where the default {@code meta_directory}
 * expects them ({@code ROOT/usr/share/storemulti/systemd/}).
 *
 * <p>Under {@code /} (jimfs) the fixtures' main.cf files stay byte for byte as they are, so
 * the registry defaults are what the tests see. Under any other root the primary's
 * {@code multi_instance_directories}, {@code command_directory} and {@code meta_directory}
 * are moved under that root too.
 */
final class SystemdFixture {

    private SystemdFixture() {
    }

    /** The checkout, as Maven tells the tests (or found upwards from the working directory). */
    static Path checkout() {
        String property = System.getProperty("storemulti.checkout");
        if (property != null && !property.isEmpty()) {
            return Path.of(property);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("templates/systemd"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the checkout: set -Dstoremulti.checkout");
    }

    /** Installs fixture {@code name} under {@code root}; returns the primary's config directory. */
    static Path install(String name, Path root) {
        try {
            copyTree(checkout().resolve("test-fixtures/systemd").resolve(name), root);
            copyTree(checkout().resolve("templates/systemd"), root.resolve("usr/share/storemulti/systemd"));
            Path primary = root.resolve("etc/store");
            if (!root.equals(root.getRoot())) {
                relocate(primary, root);
            }
            return primary;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets {@code name = value} in {@code configDirectory/main.cf}. */
    static void set(Path configDirectory, String name, String value) throws IOException {
        Path file = configDirectory.resolve("main.cf");
        MainCf mainCf = MainCf.read(file);
        AtomicFile.write(file, mainCf.edit(Map.of(name, value), List.of()).text());
    }

    private static void relocate(Path primary, Path root) throws IOException {
        InstanceConfig config = InstanceConfig.load(primary);
        Map<String, String> set = new LinkedHashMap<>();
        set.put("multi_instance_directories", config.list("multi_instance_directories").stream()
                .map(d -> root + d).collect(Collectors.joining(" ")));
        set.put("command_directory", root + "/usr/sbin");
        set.put("meta_directory", root + "/usr/share/storemulti");
        Path file = primary.resolve("main.cf");
        AtomicFile.write(file, config.mainCf().edit(set, List.of()).text());
    }

    /** Copies the files under {@code from} (a default-file-system path) to {@code to} on any file system. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                Files.createDirectories(target.getParent());
                Files.write(target, Files.readAllBytes(source));
            }
        }
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
