package org.storemulti.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemulti.fs.FileModes;
import org.storemulti.testing.FileSystemsUnderTest;

/** Explicit modes, on jimfs and on the real file system (whose umask would otherwise decide). */
class FileModesTest {

    @TempDir
    static Path realTemp;

    static Stream<Arguments> fileSystems() {
        return FileSystemsUnderTest.both(realTemp);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void everyDirectoryMadeGetsTheModeAndExistingOnesKeepTheirs(String fileSystem, Path root) throws IOException {
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        FileModes.createDirectories(root.resolve("a/b/c"));
        assertEquals("rwxr-xr-x", mode(root));
        for (String made : new String[] {"a", "a/b", "a/b/c"}) {
            assertEquals("rwx------", mode(root.resolve(made)), made);
        }
        FileModes.createDirectories(root.resolve("a/b/c"), FileModes.READABLE_DIRECTORY);
        assertEquals("rwx------", mode(root.resolve("a/b/c")), "an existing directory keeps its mode");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aNewFileGetsItsModeAndMustNotExist(String fileSystem, Path root) throws IOException {
        Path file = root.resolve("f");
        try (FileChannel channel = FileModes.create(file)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
        }
        assertEquals("rw-------", mode(file));
        assertThrows(FileAlreadyExistsException.class, () -> FileModes.create(file).close());
        try (FileChannel channel = FileModes.create(root.resolve("g"), FileModes.READABLE_FILE)) {
            assertEquals("rw-r--r--", mode(root.resolve("g")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aLockFileIsCreatedPrivateAndAnExistingOneKeepsItsMode(String fileSystem, Path root) throws IOException {
        Path lock = root.resolve("x.lock");
        FileModes.openOrCreate(lock, FileModes.PRIVATE_FILE, StandardOpenOption.WRITE).close();
        assertEquals("rw-------", mode(lock));
        Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("rw-r-----"));
        FileModes.openOrCreate(lock, FileModes.PRIVATE_FILE, StandardOpenOption.WRITE).close();
        assertEquals("rw-r-----", mode(lock));
    }
}
