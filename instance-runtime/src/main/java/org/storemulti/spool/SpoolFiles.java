package org.storemulti.spool;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which files of a spool directory are mailboxes: plain files (not links, not directories),
 * not hidden ({@code .nsr}, our and liblockfile's temporary files), not dotlocks
 * ({@code NAME.lock}), not matched by an {@code --exclude} glob. Sorted by name.
 */
final class SpoolFiles {

    private SpoolFiles() {
    }

    static List<String> mailboxes(Path spool, List<String> excludes) throws IOException {
        List<PathMatcher> matchers = matchers(spool, excludes);
        try (Stream<Path> entries = Files.list(spool)) {
            return entries.filter(SpoolFiles::candidate)
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> matchers.stream().noneMatch(m -> m.matches(p.getFileName())))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Entries that could have been mailboxes but were left out: excluded, links, directories. */
    static int others(Path spool, List<String> excludes) throws IOException {
        try (Stream<Path> entries = Files.list(spool)) {
            return (int) entries.filter(SpoolFiles::candidate).count() - mailboxes(spool, excludes).size();
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
