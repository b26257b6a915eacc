package org.storemulti.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A descriptor is a terminal when its {@code /proc/self/fd} link names a terminal device;
 * read from links that stand in for descriptors (ProgressLineIT runs the real thing under a
 * pseudo-terminal).
 */
class TerminalTest {

    @TempDir
    Path dir;

    /** Whether a descriptor linking to {@code target} is a terminal; the link goes again (it may point outside the temp dir). */
    private boolean terminal(String target) throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("fd"), Path.of(target));
        try {
            return Terminal.isTerminal(link);
        } finally {
            Files.delete(link);
        }
    }

    @Test
    void pseudoTerminalsConsolesAndTtysAreTerminals() throws IOException {
        for (String device : new String[] {"/dev/pts/3", "/dev/tty1", "/dev/ttyS0", "/dev/ttyUSB1", "/dev/tty", "/dev/console"}) {
            assertTrue(terminal(device), device);
        }
    }

    @Test
    void filesPipesSocketsAndTheNullDeviceAreNot() throws IOException {
        for (String target : new String[] {"/tmp/err.txt", "pipe:[12345]", "socket:[67890]", "/dev/null",
                "/dev/ttyprintk-not/x"}) {
            assertFalse(terminal(target), target);
        }
        assertFalse(Terminal.isTerminal(dir.resolve("no-such-descriptor")));
        assertFalse(Terminal.isTerminal(Files.createFile(dir.resolve("not-a-link"))));
    }
}
