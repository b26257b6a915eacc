package org.storemulti.sync.mbox;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.storemulti.fs.DirectorySync;

/**
 * Exclusive use of one mailbox file under the locks Debian's mail system takes, in the order
 * Postfix local(8) takes them: the dotlock {@code MAILBOX.lock} first, then an fcntl lock on
 * the open file (Java's {@link FileChannel#lock} is an fcntl record lock on Linux; an flock(2)
 * lock would not stop Postfix). Neither is waited for while the other is held: when the
 * fcntl lock is busy the dotlock is let go before the next attempt, so a program that takes
 * them in the other order (fcntl first, as Debian policy allows) is never deadlocked.
 *
 * <p>Read and write the mailbox only through {@link #channel()}: fcntl locks belong to the
 * process, and closing any other descriptor of the same file (a {@code Files.newInputStream},
 * or {@code setTimes}, which opens one) silently drops them. For the same reason the times
 * are put back on {@link #close()} after the fcntl lock is released, while the dotlock still
 * keeps every Debian writer out.
 */
public final class MailboxLock implements Closeable {

    /** How the mailbox is opened and locked. */
    public enum Mode {
        /** A shared fcntl lock on a read-only channel: other readers may hold it too. */
        READ,
        /** An exclusive fcntl lock on a read-write channel; the file must exist. */
        WRITE,
        /** As WRITE, creating an empty file (mode 0600) if there is none. */
        CREATE
    }

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

    private final Path mailbox;
    private final LockPolicy policy;
    private final ReentrantLock threadLock;
    private final DotLock dotLock;
    private final FileChannel channel;
    private final FileLock fileLock;
    private final BasicFileAttributes before;
    private final long lockedAt;
    private FileTime restoreModified;
    private FileTime restoreAccessed;

    private MailboxLock(Path mailbox, LockPolicy policy, ReentrantLock threadLock, DotLock dotLock,
            FileChannel channel, FileLock fileLock) throws IOException {
        this.mailbox = mailbox;
        this.policy = policy;
        this.threadLock = threadLock;
        this.dotLock = dotLock;
        this.channel = channel;
        this.fileLock = fileLock;
        this.before = Files.readAttributes(mailbox, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        this.lockedAt = System.nanoTime();
    }

    /**
     * Takes both locks on {@code mailbox}, retrying while someone else holds either, up to the
     * policy's wait. Breaks a stale dotlock (and says so through the policy's notices).
     *
     * @throws MailboxLockedException if the locks stay busy for the whole wait
     * @throws java.nio.file.NoSuchFileException if the mailbox does not exist (READ, WRITE)
     */
    public static MailboxLock acquire(Path mailbox, Mode mode, LockPolicy policy) throws IOException {
        Path key = mailbox.toAbsolutePath().normalize();
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(key, p -> new ReentrantLock());
        if (threadLock.isHeldByCurrentThread()) {
            throw new IllegalStateException(mailbox + ": already locked by this thread");
        }
        long deadline = System.nanoTime() + policy.maxWait().toNanos();
        try {
            if (!threadLock.tryLock(policy.maxWait().toMillis(), TimeUnit.MILLISECONDS)) {
                throw MailboxLockedException.busy(mailbox, "another thread of this process", policy.maxWait());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException(mailbox + ": interrupted while waiting for its lock");
        }
        try {
            return acquireFileLocks(mailbox, mode, policy, threadLock, deadline);
        } catch (IOException | RuntimeException e) {
            threadLock.unlock();
            throw e;
        }
    }

    /**
     * Clears {@code directory} of the temporary files that a locker killed mid-lock (ours,
     * named with its pid) left behind, once that process is gone; returns how many. Callers
     * that walk a whole spool call it once per run, not once per lock.
     */
    public static int removeOrphanedTemporaryFiles(Path directory, LockPolicy policy) throws IOException {
        return DotLock.removeOrphanedTemporaryNames(directory, policy);
    }

    private static MailboxLock acquireFileLocks(Path mailbox, Mode mode, LockPolicy policy, ReentrantLock threadLock,
            long deadline) throws IOException {
        Duration pause = policy.firstRetry();
        while (true) {
            String holder;
            DotLock dotLock = tryDotLock(mailbox, policy);
            if (dotLock != null) {
                FileChannel channel = null;
                try {
                    channel = open(mailbox, mode);
                    FileLock fileLock = channel.tryLock(0, Long.MAX_VALUE, mode == Mode.READ);
                    if (fileLock != null) {
                        return new MailboxLock(mailbox, policy, threadLock, dotLock, channel, fileLock);
                    }
                } catch (IOException | RuntimeException e) {
                    closeQuietly(channel, e);
                    dotLock.release();
                    throw e;
                }
                channel.close();
                dotLock.release();
                holder = "another process (an fcntl lock on the file)";
            } else {
                DotLock.Holder owner = DotLock.inspect(DotLock.lockFileOf(mailbox), policy);
                holder = owner == null ? DotLock.lockFileOf(mailbox).toString() : owner.toString();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw MailboxLockedException.busy(mailbox, holder, policy.maxWait());
            }
            pause(pause, Duration.ofNanos(left));
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    private static DotLock tryDotLock(Path mailbox, LockPolicy policy) throws IOException {
        try {
            return DotLock.tryAcquire(mailbox, policy);
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(DotLock.lockFileOf(mailbox).toString(), null,
                    "cannot create the mail lock: run as root or as a user who may write to "
                    + mailbox.toAbsolutePath().getParent());
        }
    }

    private static FileChannel open(Path mailbox, Mode mode) throws IOException {
        return switch (mode) {
            case READ -> FileChannel.open(mailbox, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            case WRITE -> FileChannel.open(mailbox, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            case CREATE -> createPrivately(mailbox);
        };
    }

    private static FileChannel createPrivately(Path mailbox) throws IOException {
        try {
            FileChannel created = FileChannel.open(mailbox, Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS), FileModes.privateFile(mailbox));
            FileModes.setPrivate(mailbox);
            return created;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return open(mailbox, Mode.WRITE);
        }
    }

    private static void pause(Duration pause, Duration left) throws IOException {
        try {
            Thread.sleep(Math.max(1, Math.min(pause.toMillis(), left.toMillis())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a mail lock");
        }
    }

    private static void closeQuietly(FileChannel channel, Exception cause) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }

    public Path mailbox() {
        return mailbox;
    }

    /** The locked file: the one way to read or write it while locked (see the class comment). */
    public FileChannel channel() {
        return channel;
    }

    /** The file's attributes (size, times) as they were when the locks were taken. */
    public BasicFileAttributes attributesWhenLocked() {
        return before;
    }

    /**
     * Puts the access and modify times back to {@link #attributesWhenLocked()} on close, so
     * a mail reader's "new mail" test ({@code [ -N FILE ]}) answers as before we read.
     */
    public void keepTimes() {
        restoreTimesOnClose(before.lastModifiedTime(), before.lastAccessTime());
    }

    /** Sets the file's modify and access times on close, after the fcntl lock, under the dotlock. */
    public void restoreTimesOnClose(FileTime modified, FileTime accessed) {
        restoreModified = modified;
        restoreAccessed = accessed;
    }

    /**
     * Puts {@code prepared} (a complete new mailbox in the same directory) in place of the
     * locked file by one rename, giving it {@code ownership} first if not null, and syncs the
     * directory. The locks stay held until {@link #close()}.
     */
    public void replaceWith(Path prepared, MailboxOwnership ownership) throws IOException {
        if (ownership != null) {
            ownership.applyTo(prepared);
        }
        try {
            Files.move(prepared, mailbox, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(prepared, mailbox, StandardCopyOption.REPLACE_EXISTING);
        }
        Path directory = mailbox.toAbsolutePath().getParent();
        DirectorySync.forPath(directory).sync(directory);
        restoreModified = null;
    }

    /** Throws if the locks have been held longer than the policy allows. */
    public void checkHold() throws MailboxLockedException {
        if (System.nanoTime() - lockedAt > policy.maxHold().toNanos()) {
            throw MailboxLockedException.heldTooLong(mailbox, policy.maxHold());
        }
    }

    /**
     * Copies the whole file to {@code target} through the locked channel, feeding
     * {@code digest} if given, checking the hold limit as it goes. Returns the bytes copied.
     */
    public long copyTo(WritableByteChannel target, MessageDigest digest) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        long position = 0;
        while (channel.read(buffer, position) > 0) {
            buffer.flip();
            position += buffer.remaining();
            if (digest != null) {
                digest.update(buffer.duplicate());
            }
            while (buffer.hasRemaining()) {
                target.write(buffer);
            }
            buffer.clear();
            checkHold();
        }
        return position;
    }

    /** Releases the fcntl lock, puts the times back if asked, then removes the dotlock. */
    @Override
    public void close() throws IOException {
        try {
            try {
                fileLock.release();
            } finally {
                channel.close();
            }
            if (restoreModified != null) {
                Files.getFileAttributeView(mailbox, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(restoreModified, restoreAccessed, null);
            }
        } finally {
            try {
                if (!dotLock.release()) {
                    policy.notices().accept(dotLock.lockFile() + " was no longer ours when we let go of "
                            + mailbox + " (someone judged it stale)");
                }
            } finally {
                threadLock.unlock();
            }
        }
    }
}
