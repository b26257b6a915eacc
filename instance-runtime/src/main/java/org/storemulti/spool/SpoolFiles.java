package org.storemulti.spool;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Which files of a spool directory are mailboxes: plain files (not links, not directories),
 * not hidden ({@code .nsr}, our and liblockfile's temporary files), not dotlocks
 * ({@code NAME.lock}), not matched by an {@code --exclude} glob. Sorted by name.
 */
final class SpoolFiles {

    private SpoolFiles() {
    }

    /** The spool's mailboxes with what one lstat each said, and how many entries were left out. */
    record Listing(SortedMap<String, FileFacts> mailboxes, int skipped) {
    }

    /** One listing of the spool, one lstat per entry; a file gone meanwhile is skipped. */
    static Listing list(Path spool, List<String> excludes) throws IOException {
        List<PathMatcher> matchers = matchers(spool, excludes);
        SortedMap<String, FileFacts> mailboxes = new TreeMap<>();
        int skipped = 0;
        try (Stream<Path> entries = Files.list(spool)) {
            for (Path entry : entries.filter(SpoolFiles::candidate).toList()) {
                FileFacts facts = factsOrNull(entry);
                if (facts == null || !facts.regular() || matchers.stream().anyMatch(m -> m.matches(entry.getFileName()))) {
                    skipped++;
                } else {
                    mailboxes.put(entry.getFileName().toString(), facts);
                }
            }
        }
        return new Listing(mailboxes, skipped);
    }

    private static FileFacts factsOrNull(Path entry) throws IOException {
        try {
            return FileFacts.of(entry);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** True if {@code name} is one of the given globs' ({@code *}, {@code ?}, {@code [..]}, {@code {a,b}}). */
    static boolean excluded(Path directory, String name, List<String> excludes) {
        Path file = directory.getFileSystem().getPath(name);
        return matchers(directory, excludes).stream().anyMatch(m -> m.matches(file));
    }

    private static boolean candidate(Path entry) {
        String name = entry.getFileName().toString();
        return !name.startsWith(".") && !name.endsWith(".lock");
    }

    private static List<PathMatcher> matchers(Path spool, List<String> excludes) {
        return excludes.stream().map(glob -> spool.getFileSystem().getPathMatcher("glob:" + glob)).toList();
    }

    static FileAttribute<?>[] privateFile(Path directory) {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    /** One line for what went wrong with {@code subject}, without repeating its path. */
    static String describe(IOException e, Path subject) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied" + (denied.getReason() != null ? ": " + denied.getReason() : " (run as root)");
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String prefix = subject + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
