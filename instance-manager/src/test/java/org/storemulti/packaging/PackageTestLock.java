package org.storemulti.packaging;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Held while a test installs the package on this machine or boots a copy of it: checkouts
 * that run their builds at once on one machine take turns instead of finding each other's
 * install (the lock goes when the JVM does).
 */
final class PackageTestLock implements AutoCloseable {

    private static final Path PATH = Path.of("/run/lock/storemulti-debian-package-test.lock");

    private final FileChannel channel;

    private PackageTestLock(FileChannel channel) {
        this.channel = channel;
    }

    /** Waits for the lock. */
    static PackageTestLock take() throws IOException {
        FileChannel channel = FileChannel.open(Files.isDirectory(PATH.getParent()) ? PATH
                : Path.of(System.getProperty("java.io.tmpdir"), PATH.getFileName().toString()),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.lock();
        return new PackageTestLock(channel);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
