package org.storemulti.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes a directory's entries (a rename, a new file) durable, and a new file's bytes
 * ({@link #syncFile}) before its name is made durable.
 *
 * <p>A seam because only the platform file system can sync a directory; in-memory file
 * systems used by tests have nothing to make durable, and tests of the order of syncs
 * (a save batch has several file syncs in flight) watch or hold them here.
 */
@FunctionalInterface
public interface DirectorySync {

    /** Flushes the entries of {@code directory} to stable storage. */
    void sync(Path directory) throws IOException;

    /** Flushes {@code file}'s data and metadata (fsync) before it is renamed into place. */
    default void syncFile(FileChannel file) throws IOException {
        file.force(true);
    }

    /** Syncs through a read-only channel on the directory, as {@code fsync(dirfd)} does. */
    DirectorySync FSYNC = directory -> {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    };

    /** For file systems that keep nothing across a crash (jimfs). */
    DirectorySync NONE = directory -> { };

    /** The right sync for the file system that holds {@code path}. */
    static DirectorySync forPath(Path path) {
        return path.getFileSystem() == FileSystems.getDefault() ? FSYNC : NONE;
    }
}
