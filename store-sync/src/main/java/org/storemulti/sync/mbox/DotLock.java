package org.storemulti.sync.mbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mail system's {@code MAILBOX.lock} file, made the way liblockfile makes it: write our
 * pid into a uniquely named file beside it, {@code link(2)} that to the lock name (atomic even
 * over NFS, where an exclusive create is not), check the link count, remove the temporary name.
 *
 * <p>A lock naming a process that no longer exists is stale at once (as {@code dotlockfile
 * -p} decides); any lock older than the policy's age is stale (Postfix writes an empty lock,
 * so only its age tells). A stale lock is removed only if it is still the file we judged, and
 * ours only if it is still ours: same inode, same mtime, same pid inside (an inode number
 * comes back at once for the next file made).
 */
final class DotLock {

    private static final long PID = ProcessHandle.current().pid();
    /** Our temporary names, {@code .lkPID.HEX}, as {@link #tryLink} makes them. */
    private static final Pattern TEMPORARY_NAME = Pattern.compile("\\.lk([0-9]{1,18})\\.[0-9a-f]{1,16}");

    private final Path lockFile;
    private final Identity identity;

    private DotLock(Path lockFile, Identity identity) {
        this.lockFile = lockFile;
        this.identity = identity;
    }

    /** What tells one lock file from the next one made under the same name. */
    private record Identity(Object fileKey, FileTime modified, long pid) {

        static Identity of(Path lockFile) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(lockFile, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return new Identity(attributes.fileKey(), attributes.lastModifiedTime(), pidIn(lockFile));
        }
    }

    /** Who holds a lock file: the pid written in it (0 if none) and its age. */
    record Holder(Path lockFile, long pid, Duration age, Identity identity) {

        boolean processGone() {
            return pid > 0 && DotLock.processGone(pid);
        }

        @Override
        public String toString() {
            return lockFile + " (" + (pid > 0 ? "pid " + pid + ", " : "") + age.toSeconds() + " s old)";
        }
    }

    static Path lockFileOf(Path mailbox) {
        return mailbox.resolveSibling(mailbox.getFileName() + ".lock");
    }

    /** Takes the lock if nobody holds it (breaking a stale one first); else returns null. */
    static DotLock tryAcquire(Path mailbox, LockPolicy policy) throws IOException {
        Path lockFile = lockFileOf(mailbox);
        for (int attempt = 0; attempt < 2; attempt++) {
            DotLock lock = tryLink(lockFile);
            if (lock != null) {
                return lock;
            }
            Holder holder = inspect(lockFile, policy);
            if (holder == null) {
                continue; // removed while we looked
            }
            if (!isStale(holder, policy)) {
                return null;
            }
            breakStale(holder, policy);
        }
        return null;
    }

    /** The holder of {@code lockFile}, or null when there is no such file. */
    static Holder inspect(Path lockFile, LockPolicy policy) throws IOException {
        try {
            Identity identity = Identity.of(lockFile);
            Duration age = Duration.between(identity.modified().toInstant(), policy.clock().instant());
            return new Holder(lockFile, identity.pid(), age.isNegative() ? Duration.ZERO : age, identity);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    static boolean isStale(Holder holder, LockPolicy policy) {
        return holder.processGone() || holder.age().compareTo(policy.staleAfter()) > 0;
    }

    private static void breakStale(Holder holder, LockPolicy policy) throws IOException {
        if (holder.identity().equals(identityOrNull(holder.lockFile()))) {
            Files.deleteIfExists(holder.lockFile());
            policy.notices().accept("removed stale lock " + holder
                    + (holder.processGone() ? ": its process is gone" : ": older than " + policy.staleAfter()));
        }
    }

    /**
     * Removes the temporary names ({@code .lkPID.HEX}) that lockers killed between creating one
     * and linking it left in {@code directory}, once the process named in the name is gone.
     * Returns how many went. liblockfile's own names ({@code .lk} + digits + hostname) are not
     * ours to judge and stay.
     */
    static int removeOrphanedTemporaryNames(Path directory, LockPolicy policy) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, ".lk*")) {
            for (Path temp : temps) {
                Matcher name = TEMPORARY_NAME.matcher(temp.getFileName().toString());
                if (name.matches() && processGone(Long.parseLong(name.group(1))) && Files.deleteIfExists(temp)) {
                    policy.notices().accept("removed " + temp + ": left by lock process " + name.group(1)
                            + ", which is gone");
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Whether no process {@code pid} runs here (a zombie counts as gone). */
    private static boolean processGone(long pid) {
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    private static DotLock tryLink(Path lockFile) throws IOException {
        Path temp = lockFile.resolveSibling(".lk" + PID + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        Files.write(temp, (PID + "\n").getBytes(StandardCharsets.US_ASCII),
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
        try {
            setMode(temp);
            try {
                Files.createLink(lockFile, temp);
            } catch (FileAlreadyExistsException e) {
                // over NFS a link that worked can still report EEXIST: the link count tells
                if (linkCount(temp) != 2) {
                    return null;
                }
            } catch (UnsupportedOperationException e) {
                try {
                    Files.copy(temp, lockFile); // no hard links here: an exclusive create instead
                } catch (FileAlreadyExistsException held) {
                    return null;
                }
            }
            return new DotLock(lockFile, Identity.of(lockFile));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void setMode(Path file) throws IOException {
        if (FileModes.posix(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--")); // as liblockfile
        }
    }

    private static int linkCount(Path file) throws IOException {
        try {
            return ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return 1;
        }
    }

    private static long pidIn(Path lockFile) throws IOException {
        byte[] head = new byte[32];
        int n;
        try (InputStream in = Files.newInputStream(lockFile, LinkOption.NOFOLLOW_LINKS)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            return 0;
        }
        String text = new String(head, 0, n, StandardCharsets.US_ASCII).strip();
        return text.matches("[0-9]{1,18}") ? Long.parseLong(text) : 0;
    }

    Path lockFile() {
        return lockFile;
    }

    private static Identity identityOrNull(Path lockFile) throws IOException {
        try {
            return Identity.of(lockFile);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Removes the lock if it is still ours; true if it was (someone may have judged it stale). */
    boolean release() throws IOException {
        if (!identity.equals(identityOrNull(lockFile))) {
            return false;
        }
        Files.deleteIfExists(lockFile);
        return true;
    }
}
