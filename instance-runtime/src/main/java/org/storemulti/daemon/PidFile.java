package org.storemulti.daemon;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.storemulti.fs.FileModes;

/**
 * {@code master.pid}: the daemon's pid, held under an exclusive OS lock for the daemon's
 * life. Running ⇔ the lock is held (Postfix's {@code master -t}), never "a process with
 * that pid exists": a stale file after {@code kill -9} carries no lock and never blocks a
 * start, and a live daemon's lock refuses a second one.
 *
 * <p>POSIX record locks belong to the process and vanish when any descriptor of the file
 * is closed, so this JVM never opens a pid file it holds: {@link #probe} answers from
 * {@link #HELD} for those.
 */
public final class PidFile implements AutoCloseable {

    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private static final int LOCK_ATTEMPTS = 5;

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    /** The process holding a pid file: its pid (0 if not yet written) and since when. */
    public record Holder(long pid, Instant since) {
    }

    private PidFile(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code file} for this process and writes {@code pid} into it.
     *
     * @throws AlreadyRunningException if another process (or this one) holds it
     */
    public static PidFile acquire(Path file, long pid) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        if (!HELD.add(key)) {
            throw new AlreadyRunningException(key, ProcessHandle.current().pid());
        }
        try {
            PidFile held = lockLoop(key);
            held.write(pid);
            return held;
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
    }

    private static PidFile lockLoop(Path key) throws IOException {
        for (int attempt = 1; ; attempt++) {
            FileChannel channel = FileModes.openOrCreate(key, FileModes.PRIVATE_FILE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null && Files.exists(key)) {
                return new PidFile(key, channel, lock);
            }
            channel.close(); // locked by another process, or just removed by a daemon that stopped
            if (lock == null && attempt >= LOCK_ATTEMPTS) {
                throw new AlreadyRunningException(key, probeOthers(key).map(Holder::pid).orElse(0L));
            }
            sleep(20); // a probe holds a shared lock for a moment
        }
    }

    private void write(long pid) throws IOException {
        channel.truncate(0);
        String number = Long.toString(pid); // right-aligned in ten columns, as Postfix's master.pid
        String line = " ".repeat(Math.max(0, 10 - number.length())) + number + "\n";
        ByteBuffer text = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
        channel.position(0);
        while (text.hasRemaining()) {
            channel.write(text);
        }
        channel.force(true);
    }

    /** Who holds {@code file} now, if anyone. Never disturbs a holder's lock. */
    public static Optional<Holder> probe(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        if (HELD.contains(key)) {
            return Optional.of(new Holder(ProcessHandle.current().pid(), modified(key)));
        }
        return probeOthers(key);
    }

    /** Who among other processes holds {@code key}: this JVM's own attempt must not answer for them. */
    private static Optional<Holder> probeOthers(Path key) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(key, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try (channel) {
            FileLock lock;
            try {
                lock = channel.tryLock(0, Long.MAX_VALUE, true);
            } catch (OverlappingFileLockException e) {
                lock = null; // another part of this JVM holds it without being a daemon here (a test)
            }
            if (lock != null) {
                lock.release();
                return Optional.empty();
            }
            return Optional.of(new Holder(readPid(key, channel), modified(key)));
        }
    }

    /** Reads through the open channel: the holder may remove the path at any moment. */
    private static long readPid(Path key, FileChannel channel) throws IOException {
        for (int attempt = 0; attempt < 10; attempt++) {
            ByteBuffer buffer = ByteBuffer.allocate(64);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
            if (!text.isEmpty()) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new DaemonException(key + ": not a pid: " + text, e);
                }
            }
            sleep(10); // the holder is between truncate and write
        }
        return 0;
    }

    private static Instant modified(Path key) throws IOException {
        try {
            return Files.getLastModifiedTime(key).toInstant();
        } catch (NoSuchFileException e) {
            return Instant.EPOCH;
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while locking a pid file");
        }
    }

    public Path path() {
        return path;
    }

    /** Removes the file, then releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(path);
            lock.release();
            channel.close();
        } finally {
            HELD.remove(path);
        }
    }

    /** The pid file is locked by a running daemon. */
    public static final class AlreadyRunningException extends DaemonException {
        private static final long serialVersionUID = 1L;
        private final long pid;

        AlreadyRunningException(Path file, long pid) {
            super("the store instance is already running: PID: " + pid + " (" + file + " is locked)");
            this.pid = pid;
        }

        public long pid() {
            return pid;
        }
    }
}
