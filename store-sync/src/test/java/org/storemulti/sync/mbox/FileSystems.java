package org.storemulti.sync.mbox;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;

/** The two file systems every file-level contract of store-sync runs on (mbox, maildir): jimfs and the real one. */
public final class FileSystems {

    private static final FileSystem JIMFS = Jimfs.newFileSystem(Configuration.unix().toBuilder()
            .setAttributeViews("basic", "owner", "posix", "unix").build());
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private FileSystems() {
    }

    /** The shared jimfs file system (unix, with owner and posix attributes); never closed. */
    public static FileSystem jimfs() {
        return JIMFS;
    }

    /** Arguments (name, fresh empty directory) for a parameterized test. */
    public static Stream<Arguments> both(Path realTemp) throws IOException {
        int n = COUNTER.incrementAndGet();
        Path jimfs = Files.createDirectories(JIMFS.getPath("/var/mail/t" + n));
        Path real = Files.createDirectories(realTemp.resolve("t" + n));
        return Stream.of(Arguments.of("jimfs", jimfs), Arguments.of("real", real));
    }
}
