package org.storemulti.spool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.storemulti.fs.DirectorySync;

/**
 * The dated archives under an archive directory: {@code 20261207T171000Z/} (UTC, so they sort
 * by time), each with its mailbox copies and a {@code MANIFEST}. A save builds
 * {@code NAME.partial/} and renames it to {@code NAME} once the manifest is in, so a
 * directory without the suffix is always complete.
 */
final class ArchiveDirectory {

    static final String PARTIAL = ".partial";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("[0-9]{8}T[0-9]{6}Z(-[0-9]+)?");

    private final Path root;

    ArchiveDirectory(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** Makes the archive directory (mode 0700: it holds everyone's mail) if there is none. */
    void create() throws IOException {
        if (!Files.isDirectory(root)) {
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** The complete archives, oldest first. */
    List<Path> archives() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> Files.isRegularFile(p.resolve(Manifest.FILE)))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString().replaceAll("-([0-9]+)$", "")
                            ).thenComparing(p -> suffix(p.getFileName().toString())))
                    .toList();
        }
    }

    private static int suffix(String name) {
        int dash = name.indexOf('-');
        return dash < 0 ? 0 : Integer.parseInt(name.substring(dash + 1));
    }

    Optional<Path> newest() throws IOException {
        List<Path> all = archives();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Saves that did not finish (killed): their {@code .partial} directories. */
    List<Path> leftovers() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(PARTIAL)).sorted().toList();
        }
    }

    /** A new, empty {@code NAME.partial} directory for a save taken at {@code now} (mode 0700). */
    Path startArchive(Instant now) throws IOException {
        String stamp = STAMP.format(now);
        String name = stamp;
        for (int n = 2; Files.exists(root.resolve(name)) || Files.exists(root.resolve(name + PARTIAL)); n++) {
            name = stamp + "-" + n;
        }
        Path partial = Files.createDirectory(root.resolve(name + PARTIAL));
        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwx------"));
        return partial;
    }

    /** Renames a finished {@code NAME.partial} to {@code NAME}; returns the archive. */
    Path finish(Path partial) throws IOException {
        DirectorySync.forPath(partial).sync(partial);
        String name = partial.getFileName().toString();
        Path archive = root.resolve(name.substring(0, name.length() - PARTIAL.length()));
        Files.move(partial, archive, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        DirectorySync.forPath(root).sync(root);
        return archive;
    }

    /** Removes a directory of ours and what is in it (no subdirectories are ever made). */
    static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }
}
