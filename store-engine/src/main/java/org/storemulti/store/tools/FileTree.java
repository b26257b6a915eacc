package org.storemulti.store.tools;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.storemulti.fs.DirectorySync;

/** Hard-link-or-copy of message files into another tree, with the syncs that make it durable. */
final class FileTree {

    private final DirectorySync sync;
    int linked;
    int copied;

    FileTree(DirectorySync sync) {
        this.sync = sync;
    }

    /** Links {@code source} as {@code target} (same file system), else copies and fsyncs it. */
    void linkOrCopy(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, source);
            linked++;
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (Files.notExists(source)) {
                throw e;
            }
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            try (var channel = java.nio.channels.FileChannel.open(target, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            copied++;
        }
    }

    /** Syncs {@code directory} and each directory directly inside it. */
    void syncTree(Path directory) throws IOException {
        try (var children = Files.list(directory)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                if (Files.isDirectory(child)) {
                    sync.sync(child);
                }
            }
        }
        sync.sync(directory);
    }
}
