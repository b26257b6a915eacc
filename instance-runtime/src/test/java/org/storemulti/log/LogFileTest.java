package org.storemulti.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemulti.testing.FileSystemsUnderTest;

/** daemon_log_file: timestamped lines appended to a private file, a new file at the same path after reopen. */
class LogFileTest {

    @TempDir
    static Path realTemp;

    static Stream<Arguments> fileSystems() {
        return FileSystemsUnderTest.both(realTemp);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void linesAreAppendedWithTheLocalTimeAndAReopenAfterARenameStartsANewFile(String fileSystem, Path directory)
            throws IOException {
        Path path = directory.resolve("daemon.log");
        Files.writeString(path, "left by an earlier daemon\n");
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T17:03:12Z"), ZoneOffset.ofHours(1));
        LogFile file = LogFile.open(path, clock);
        DaemonLog log = new DaemonLog(() -> "store-a", "daemon", 42, file, false);

        log.info("before");
        Files.move(path, directory.resolve("daemon.log.1"));
        log.info("after the rename, still the old file");
        log.reopen();
        log.warning("in the new file");

        assertEquals(List.of("left by an earlier daemon", "2026-12-07T18:03:12.000+01:00 store-a/daemon[42]: info: before",
                "2026-12-07T18:03:12.000+01:00 store-a/daemon[42]: info: after the rename, still the old file"),
                Files.readAllLines(directory.resolve("daemon.log.1")));
        assertEquals(List.of("2026-12-07T18:03:12.000+01:00 store-a/daemon[42]: warning: in the new file"),
                Files.readAllLines(path));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
    }
}
