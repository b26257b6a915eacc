package org.storemulti.store.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.storemulti.fs.FileModes;
import org.storemulti.store.error.ConflictException;
import org.storemulti.store.error.StorageException;

/**
 * Who uses a data directory: every open store holds a shared lock on
 * {@code run/store.lock}; restore and upgrade need it exclusively, so they refuse to run
 * under a live daemon or admin tool. The OS lock is per process, so opens inside one JVM
 * share one lock and are counted here.
 */
public final class DataDirectoryLock implements AutoCloseable {

    /** The lock file's name in the data directory's {@code run/}. */
    public static final String FILE = "store.lock";

    private static final Map<Path, Holder> HELD = new HashMap<>();

    private final Path lockFile;
    private boolean closed;

    private DataDirectoryLock(Path lockFile) {
        this.lockFile = lockFile;
    }

    /** Takes a shared lock; fails at once if someone holds it exclusively. */
    public static DataDirectoryLock shared(Path dataDirectory) {
        return acquire(dataDirectory, true);
    }

    /** Takes the exclusive lock; fails at once if the directory is in use. */
    public static DataDirectoryLock exclusive(Path dataDirectory) {
        return acquire(dataDirectory, false);
    }

    private static DataDirectoryLock acquire(Path dataDirectory, boolean shared) {
        Path lockFile = new DataLayout(dataDirectory).run().resolve(FILE);
        synchronized (HELD) {
            Holder holder = HELD.get(lockFile);
            if (holder != null) {
                if (!shared || !holder.lock.isShared()) {
                    throw inUse(dataDirectory);
                }
                holder.count++;
                return new DataDirectoryLock(lockFile);
            }
            HELD.put(lockFile, lockFile(lockFile, shared, dataDirectory));
            return new DataDirectoryLock(lockFile);
        }
    }

    private static Holder lockFile(Path lockFile, boolean shared, Path dataDirectory) {
        try {
            FileModes.createDirectories(lockFile.getParent());
            FileChannel channel = FileModes.openOrCreate(lockFile, FileModes.PRIVATE_FILE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
            if (lock == null) {
                channel.close();
                throw inUse(dataDirectory);
            }
            return new Holder(channel, lock);
        } catch (IOException e) {
            throw new StorageException(lockFile.toString(), e);
        }
    }

    private static ConflictException inUse(Path dataDirectory) {
        return new ConflictException(dataDirectory.toString(),
                "data directory is in use (a daemon or another tool has the store open)");
    }

    @Override
    public void close() {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            Holder holder = HELD.get(lockFile);
            if (--holder.count == 0) {
                HELD.remove(lockFile);
                try {
                    holder.lock.release();
                    holder.channel.close();
                } catch (IOException e) {
                    // the OS drops the lock with the channel anyway
                }
            }
        }
    }

    private static final class Holder {
        final FileChannel channel;
        final FileLock lock;
        int count = 1;

        Holder(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }
    }
}
