package org.storemulti.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock that serializes read-modify-write cycles on one file, across
 * threads of this JVM and across processes: a {@code NAME.lock} file next to the edited
 * file, held with an OS lock.
 *
 * <p>The OS lock alone is per process (a second thread of the same JVM would get an
 * {@code OverlappingFileLockException}), hence the in-process lock in front of it.
 */
public final class EditLock implements AutoCloseable {

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private EditLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Blocks until {@code edited} may be edited exclusively; close to release. */
    public static EditLock acquire(Path edited) throws IOException {
        Path lockFile = edited.toAbsolutePath().resolveSibling(edited.getFileName() + ".lock");
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(lockFile.normalize(), p -> new ReentrantLock());
        threadLock.lock();
        FileChannel channel = null;
        try {
            channel = FileModes.openOrCreate(lockFile, FileModes.PRIVATE_FILE, StandardOpenOption.WRITE);
            return new EditLock(threadLock, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            threadLock.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            fileLock.release();
            channel.close();
        } finally {
            threadLock.unlock();
        }
    }
}
