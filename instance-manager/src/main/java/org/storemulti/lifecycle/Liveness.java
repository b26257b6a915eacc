package org.storemulti.lifecycle;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Whether an instance runs: its daemon holds an OS lock on {@code queue_directory/pid/master.pid} (never a PID that may be reused). */
public final class Liveness {

    private Liveness() {
    }

    /** True when another process (or this JVM) holds the pid file's lock. */
    public static boolean running(Path queueDirectory) {
        Path pidFile = queueDirectory.resolve("pid").resolve("master.pid");
        if (!Files.isRegularFile(pidFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(pidFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new LifecycleException("cannot tell whether the instance is running: lock " + pidFile + ": " + e, e);
        }
    }
}
