package org.storemulti.sync.maildir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;

import org.storemulti.fs.DirectorySync;
import org.storemulti.fs.FileModes;

/**
 * Dovecot's dotlock on a maildir control file ({@code dovecot-uidlist.lock},
 * {@code dovecot-keywords.lock}): a file made with {@code O_EXCL} next to the one it protects.
 * A plain lock holds {@code pid:host}; a replacing lock is itself the new content and is renamed
 * over the protected file, which lets the lock go in the same step (Dovecot's
 * {@code file_dotlock_replace}), so a reader sees the old file or the new one, never half.
 *
 * <p>Stale, as Dovecot judges it: a lock naming a process of this host that is gone (once the
 * lock is older than two seconds), or a lock that neither it nor the protected file changed
 * for {@link #STALE_AFTER} (Dovecot's {@code MAILDIR_UIDLIST_LOCK_STALE_TIMEOUT}).
 */
final class DovecotLock implements AutoCloseable {

    static final Duration STALE_AFTER = Duration.ofMinutes(2);
    private static final Duration PID_CHECK_AFTER = Duration.ofSeconds(2);

    private final Path protectedFile;
    private final Path lockFile;
    private final FileChannel channel;
    private final Object fileKey;
    private final MaildirOptions options;
    private boolean held = true;

    private DovecotLock(Path protectedFile, Path lockFile, FileChannel channel, Object fileKey, MaildirOptions options) {
        this.options = options;
        this.protectedFile = protectedFile;
        this.lockFile = lockFile;
        this.channel = channel;
        this.fileKey = fileKey;
    }

    /**
     * Takes the lock on {@code file}, waiting up to the options' lock wait; a plain lock
     * ({@code pidInside}) says who holds it, a replacing one is left empty for the new content.
     *
     * @throws MaildirLockedException if someone else keeps it past the wait
     */
    static DovecotLock acquire(Path file, boolean pidInside, MaildirOptions options) throws IOException {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        long deadline = System.nanoTime() + options.lockWait().toNanos();
        long pause = 10;
        while (true) {
            try {
                FileChannel channel = FileModes.create(lockFile, FileModes.PRIVATE_FILE);
                try {
                    options.own(lockFile); // replaceWith renames it into place
                    if (pidInside) {
                        write(channel, ProcessHandle.current().pid() + ":" + options.hostName());
                    }
                    Object key = Files.readAttributes(lockFile, BasicFileAttributes.class).fileKey();
                    return new DovecotLock(file, lockFile, channel, key, options);
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    Files.deleteIfExists(lockFile);
                    throw e;
                }
            } catch (FileAlreadyExistsException busy) {
                if (breakIfStale(file, lockFile, options)) {
                    continue;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new MaildirLockedException(lockFile, options.lockWait());
            }
            sleep(pause);
            pause = Math.min(pause * 2, 500);
        }
    }

    /** Writes {@code content} as the protected file's new content and lets the lock go, in one rename. */
    void replaceWith(byte[] content) throws IOException {
        channel.truncate(0);
        channel.position(0);
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(true);
        channel.close();
        try {
            Files.move(lockFile, protectedFile, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(lockFile, protectedFile, StandardCopyOption.REPLACE_EXISTING);
        }
        held = false;
        Path directory = protectedFile.toAbsolutePath().getParent();
        DirectorySync.forPath(directory).sync(directory);
    }

    /**
     * Replaces the protected file while the lock is held, through a temporary file (Dovecot's
     * {@code dovecot-uidlist.tmp}); the lock stays held until {@link #close}.
     */
    void replaceProtected(byte[] content) throws IOException {
        Path temp = protectedFile.resolveSibling(protectedFile.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try (FileChannel out = FileModes.create(temp, FileModes.PRIVATE_FILE)) {
            options.own(temp);
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        try {
            Files.move(temp, protectedFile, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, protectedFile, StandardCopyOption.REPLACE_EXISTING);
        }
        Path directory = protectedFile.toAbsolutePath().getParent();
        DirectorySync.forPath(directory).sync(directory);
    }

    /** Lets the lock go (removing the lock file only while it is still ours). */
    @Override
    public void close() throws IOException {
        if (!held) {
            return;
        }
        held = false;
        channel.close();
        try {
            Object now = Files.readAttributes(lockFile, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (fileKey == null || fileKey.equals(now)) {
                Files.deleteIfExists(lockFile);
            }
        } catch (NoSuchFileException e) {
            // judged stale and removed by someone else: nothing of ours to remove
        }
    }

    private static boolean breakIfStale(Path file, Path lockFile, MaildirOptions options) throws IOException {
        BasicFileAttributes lock;
        try {
            lock = Files.readAttributes(lockFile, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return true; // let go meanwhile: try again at once
        }
        Instant now = options.clock().instant();
        Instant lockChanged = lock.lastModifiedTime().toInstant();
        boolean stale = false;
        if (lockChanged.isBefore(now.minus(PID_CHECK_AFTER))) {
            long pid = localPid(lockFile, options.hostName());
            stale = pid > 0 && pid != ProcessHandle.current().pid()
                    && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        }
        Instant lastChange = latest(lockChanged, modified(file));
        stale |= lastChange.isBefore(now.minus(STALE_AFTER));
        if (!stale) {
            return false;
        }
        BasicFileAttributes again;
        try {
            again = Files.readAttributes(lockFile, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return true;
        }
        if (again.lastModifiedTime().equals(lock.lastModifiedTime())
                && java.util.Objects.equals(again.fileKey(), lock.fileKey())) {
            Files.deleteIfExists(lockFile);
            options.notices().accept("removed stale lock " + lockFile + " (last changed " + lockChanged + ")");
        }
        return true;
    }

    /** The pid of a {@code pid:host} lock made on this host, or 0. */
    private static long localPid(Path lockFile, String host) throws IOException {
        String text;
        try {
            byte[] head = Files.readAllBytes(lockFile);
            text = new String(head, 0, Math.min(head.length, 512), StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return 0;
        }
        int colon = text.indexOf(':');
        if (colon < 1 || !text.substring(colon + 1).equals(host) || !text.substring(0, colon).matches("[0-9]{1,18}")) {
            return 0;
        }
        return Long.parseLong(text.substring(0, colon));
    }

    private static Instant modified(Path file) throws IOException {
        try {
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (NoSuchFileException e) {
            return Instant.EPOCH;
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static void write(FileChannel channel, String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis); // waiting for another process's lock file: no event to wait on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a maildir lock");
        }
    }
}
