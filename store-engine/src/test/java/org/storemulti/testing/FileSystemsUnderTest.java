package org.storemulti.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;

/**
 * The two file systems every file-level contract runs on, as jimfs's own integration tests
 * run one suite on several configurations: an in-memory Unix jimfs (with owners and POSIX
 * modes) and the real one. Each call hands out fresh, empty directories, so tests never see
 * each other's files. Shared by every module through store-engine's test jar.
 *
 * <pre>
 * &#64;TempDir static Path realTemp;
 * static Stream&lt;Arguments&gt; fileSystems() { return FileSystemsUnderTest.both(realTemp); }
 *
 * &#64;ParameterizedTest(name = "{0}") &#64;MethodSource("fileSystems")
 * void someContract(String fileSystem, Path directory) { ... }
 * </pre>
 */
public final class FileSystemsUnderTest {

    /** One directory to run a contract in, named for test reports. */
    public record Root(String name, Path directory) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One jimfs per JVM: cheap, never closed (it holds nothing outside memory). */
    private static final FileSystem JIMFS = Jimfs.newFileSystem(Configuration.unix().toBuilder()
            .setAttributeViews("basic", "owner", "posix", "unix").build());
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private FileSystemsUnderTest() {
    }

    /** A fresh empty directory on jimfs and one under {@code realTemp}, in that order. */
    public static List<Root> roots(Path realTemp) {
        int n = COUNTER.incrementAndGet();
        try {
            return List.of(new Root("jimfs", Files.createDirectories(JIMFS.getPath("/t" + n))),
                    new Root("real", Files.createDirectories(realTemp.toAbsolutePath().resolve("t" + n))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh empty directory on jimfs alone, for tests that need no real file system. */
    public static Path jimfs() {
        try {
            return Files.createDirectories(JIMFS.getPath("/t" + COUNTER.incrementAndGet()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #roots} as arguments {@code (name, directory)} for a parameterized test. */
    public static Stream<Arguments> both(Path realTemp) {
        return roots(realTemp).stream().map(root -> Arguments.of(root.name(), root.directory()));
    }
}
