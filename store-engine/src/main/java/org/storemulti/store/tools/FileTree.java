package org.storemulti.store.tools;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.storemulti.fs.DirectorySync;
import org.storemulti.fs.FileModes;

/**
 * Hard-link-or-copy of message files into another tree, with the syncs that make it durable.
 * Directories are made 0700 and every file ends up 0600: a hard link shares its file's
 * mode, so a message file an older version left 0644 is made private where it lies.
 */
final class FileTree {

    private final DirectorySync sync;
    int linked;
    int copied;

    FileTree(DirectorySync sync) {
        this.sync = sync;
    }

    /** Links {@code source} as {@code target} (same file system), else copies and fsyncs it. */
    void linkOrCopy(Path source, Path target) throws IOException {
        FileModes.createDirectories(target.getParent());
        try {
            Files.createLink(target, source);
            linked++;
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (Files.notExists(source)) {
                throw e;
            }
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            copied++;
        }
        FileModes.setMode(target, FileModes.PRIVATE_FILE);
    }

    /** Copies {@code source} to the new file {@code target} (mode 0600) and fsyncs it. */
    static void copy(Path source, Path target) throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out = FileModes.create(target)) {
            long size = in.size();
            for (long done = 0; done < size; ) {
                done += in.transferTo(done, size - done, out);
            }
            out.force(true);
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
