package org.storemulti.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file's content so that a crash leaves either the old or the new content,
 * never a mix: write a temp file in the same directory, fsync it, rename it over the
 * target, sync the directory.
 *
 * <p>The one way storemulti writes a file that already matters (main.cf, unit files,
 * queue envelopes). An existing target keeps its permissions; a new one gets the mode the
 * caller names ({@link FileModes#PRIVATE_FILE} unless told otherwise), whatever the umask.
 */
public final class AtomicFile {

    private AtomicFile() {
    }

    /** Atomically replaces {@code target} with {@code text} in UTF-8; a new file is private (0600). */
    public static void write(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8), FileModes.PRIVATE_FILE);
    }

    /** Atomically replaces {@code target} with {@code text} in UTF-8; a new file gets {@code newFileMode}. */
    public static void write(Path target, String text, Set<PosixFilePermission> newFileMode) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8), newFileMode);
    }

    /** Atomically replaces {@code target} with {@code content}; a new file is private (0600). */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, FileModes.PRIVATE_FILE);
    }

    /** Atomically replaces {@code target} with {@code content}; a new file gets {@code newFileMode}. */
    public static void write(Path target, byte[] content, Set<PosixFilePermission> newFileMode) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Path temp = directory.resolve("." + target.getFileName() + ".tmp"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            try (FileChannel channel = FileModes.create(temp, newFileMode)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            copyPermissions(target, temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            DirectorySync.forPath(directory).sync(directory);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (source == null || target == null || !Files.exists(from)) {
            return;
        }
        Set<PosixFilePermission> permissions = source.readAttributes().permissions();
        target.setPermissions(permissions);
    }
}
