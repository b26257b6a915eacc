package org.storemulti.lifecycle;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Removes what an instance's layout consists of under one root and nothing else: known
 * files and directories left empty. Every other file is left in place with a warning;
 * symbolic links are never followed (nor removed); a directory another instance uses
 * is never entered.
 */
final class Pruner {

    private final Set<String> removableFiles;
    private final List<Path> untouchable;
    private final Request request;
    private final List<Path> leftBehind = new ArrayList<>();

    /**
     * @param removableFiles paths relative to the root that may be deleted
     * @param untouchable directories of other instances
     */
    Pruner(Set<String> removableFiles, List<Path> untouchable, Request request) {
        this.removableFiles = removableFiles;
        this.untouchable = untouchable;
        this.request = request;
    }

    /** Prunes {@code root}; returns what was left there. */
    List<Path> prune(Path root) {
        leftBehind.clear();
        prune(root, root);
        return List.copyOf(leftBehind);
    }

    private void prune(Path root, Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(path)) {
            leave(path, "is a symbolic link");
            return;
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            if (removableFiles.contains(root.relativize(path).toString())) {
                delete(path);
            } else {
                leave(path, "is not a file storemulti made");
            }
            return;
        }
        for (Path other : untouchable) {
            if (other.startsWith(path) || path.startsWith(other)) {
                leave(path, "is also used by another instance (" + other + ")");
                return;
            }
        }
        for (Path child : children(path)) {
            prune(root, child);
        }
        try {
            Files.delete(path);
        } catch (DirectoryNotEmptyException e) {
            leftBehind.add(path);
        } catch (IOException e) {
            leave(path, "cannot be removed: " + e);
        }
    }

    private List<Path> children(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        } catch (IOException e) {
            leave(dir, "cannot be read: " + e);
            return List.of();
        }
    }

    private void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            leave(file, "cannot be removed: " + e);
        }
    }

    private void leave(Path path, String why) {
        leftBehind.add(path);
        request.warn(path + " " + why + ": left in place; please verify contents and remove by hand");
    }
}
