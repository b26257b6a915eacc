package org.storemulti.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemulti.testing.FileSystemsUnderTest;

/** The move records, on jimfs and on the real file system. */
class MoveRecordsTest {

    @TempDir
    static Path realTemp;

    static Stream<Arguments> fileSystems() {
        return FileSystemsUnderTest.both(realTemp);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aRecordReadsBackAsWrittenWhateverCaseTheUserIsTypedInAndStaysPrivate(String fileSystem, Path data)
            throws Exception {
        MoveRecords records = new MoveRecords(data);
        assertEquals(Optional.empty(), records.find("joe@example.org"));
        assertEquals(List.of(), records.all());
        Random random = new Random(14);
        for (int i = 0; i < 20; i++) {
            String user = "u" + random.nextInt(5) + "+x@Example.org";
            MoveStep step = MoveStep.values()[random.nextInt(MoveStep.values().length)];
            MoveRecord record = new MoveRecord(user, data.resolve("etc/store-a"), data.resolve("etc/store b"), step);
            records.save(record);
            assertEquals(Optional.of(record), records.find(user.toUpperCase(java.util.Locale.ROOT)));
            assertEquals(step.routedToTarget() ? record.to() : record.from(), record.route());
        }
        assertTrue(records.all().size() <= 5);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(records.directory())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                records.file("u0+x@example.org"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aDamagedRecordIsRefusedNamingTheFileAndTheFix(String fileSystem, Path data) throws Exception {
        MoveRecords records = new MoveRecords(data);
        records.save(new MoveRecord("joe@example.org", data.resolve("a"), data.resolve("b"), MoveStep.ROUTED));
        Files.writeString(records.file("joe@example.org"), "user = joe@example.org\nfrom = /a\nto = /b\nstep = half\n");
        MoveException e = assertThrows(MoveException.class, () -> records.find("joe@example.org"));
        assertEquals(records.file("joe@example.org") + ": unknown step 'half' (remove the file to start the move over)",
                e.getMessage());
        Files.writeString(records.file("joe@example.org"), "user = joe@example.org\nfrom /a\n");
        e = assertThrows(MoveException.class, () -> records.find("joe@example.org"));
        assertTrue(e.getMessage().startsWith(records.file("joe@example.org") + ":2: expected name = value"),
                e.getMessage());
    }
}
