package org.storemulti.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @TempDir
    Path dir;

    @Test
    void aHeldPidFileNamesItsHolderAndRefusesASecondHolder() throws Exception {
        Path file = dir.resolve("master.pid");
        try (PidFile held = PidFile.acquire(file, 4242)) {
            assertEquals("      4242", Files.readString(file).stripTrailing());
            Optional<PidFile.Holder> holder = PidFile.probe(file);
            assertTrue(holder.isPresent());
            PidFile.AlreadyRunningException refused =
                    assertThrows(PidFile.AlreadyRunningException.class, () -> PidFile.acquire(file, 1));
            assertTrue(refused.getMessage().contains("already running"), refused.getMessage());
        }
        assertTrue(Files.notExists(file), "closing removes the file");
        assertEquals(Optional.empty(), PidFile.probe(file));
    }

    @Test
    void aStaleFileWithoutLockIsNotARunningDaemonAndDoesNotBlockAcquire() throws Exception {
        Path file = dir.resolve("master.pid");
        Files.writeString(file, "     99999\n");
        assertEquals(Optional.empty(), PidFile.probe(file));
        try (PidFile held = PidFile.acquire(file, 7)) {
            assertEquals("7", Files.readString(file).strip());
        }
    }
}
