package org.storemulti.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Files and directories created with the mode storemulti chose, whatever the caller's
 * umask: a JVM cannot call {@code umask(2)}, and a mode given at creation is only an upper
 * bound (the umask takes bits away), so each new file and directory gets its mode set
 * explicitly afterwards, as {@code chmod} does. The store's and the queue's own things are
 * private: directories 0700, files 0600 ({@link #PRIVATE_DIRECTORY}, {@link #PRIVATE_FILE});
 * what others must read (main.cf, unit files) is 0644 ({@link #READABLE_FILE}).
 *
 * <p>On a file system without POSIX modes (none that storemulti supports for real) the modes
 * are skipped.
 */
public final class FileModes {

    /** rwx------: the mode of every store and queue directory. */
    public static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    /** rw-------: the mode of every store and queue file. */
    public static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    /** rwxr-xr-x: directories others must enter (configuration, systemd units, missing parents). */
    public static final Set<PosixFilePermission> READABLE_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    /** rw-r--r--: files others must read (main.cf, systemd units), as Postfix's main.cf. */
    public static final Set<PosixFilePermission> READABLE_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private FileModes() {
    }

    /**
     * Creates {@code directory} and its missing parents, each with {@code mode}; existing
     * directories keep theirs. Returns {@code directory}.
     */
    public static Path createDirectories(Path directory, Set<PosixFilePermission> mode) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = directory.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(p)) {
                    throw e;
                }
                continue; // made meanwhile by another thread or process: its mode is its maker's
            }
            setMode(p, mode);
        }
        return directory;
    }

    /** {@link #createDirectories} with {@link #PRIVATE_DIRECTORY}. */
    public static Path createDirectories(Path directory) throws IOException {
        return createDirectories(directory, PRIVATE_DIRECTORY);
    }

    /**
     * Opens a new file for writing with {@code mode} ({@code CREATE_NEW}: it must not exist),
     * plus {@code options}.
     */
    public static FileChannel create(Path file, Set<PosixFilePermission> mode, OpenOption... options)
            throws IOException {
        Set<OpenOption> all = new HashSet<>(List.of(options));
        all.add(StandardOpenOption.CREATE_NEW);
        all.add(StandardOpenOption.WRITE);
        FileChannel channel = hasModes(file)
                ? FileChannel.open(file, all, asAttribute(mode)) : FileChannel.open(file, all);
        try {
            setMode(file, mode);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** {@link #create} with {@link #PRIVATE_FILE}. */
    public static FileChannel create(Path file, OpenOption... options) throws IOException {
        return create(file, PRIVATE_FILE, options);
    }

    /**
     * Opens {@code file} for {@code options}, creating it with {@code mode} when missing; an
     * existing file keeps its mode. For lock files, which outlive their openers.
     */
    public static FileChannel openOrCreate(Path file, Set<PosixFilePermission> mode, OpenOption... options)
            throws IOException {
        try {
            return create(file, mode, options);
        } catch (FileAlreadyExistsException e) {
            Set<OpenOption> all = new HashSet<>(List.of(options));
            all.remove(StandardOpenOption.CREATE_NEW);
            return FileChannel.open(file, all);
        }
    }

    /** Sets {@code path}'s mode to exactly {@code mode}, never following a symbolic link; no-op without POSIX modes. */
    public static void setMode(Path path, Set<PosixFilePermission> mode) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view != null && !view.readAttributes().permissions().equals(mode)) {
            view.setPermissions(mode);
        }
    }

    private static boolean hasModes(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> asAttribute(Set<PosixFilePermission> mode) {
        return PosixFilePermissions.asFileAttribute(mode);
    }
}
