package org.storemulti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code bin/storeadm}: output that only a separate process shows (unflushed writers). */
class StoreAdmIT {

    private static final Path CHECKOUT = Path.of(System.getProperty("storemulti.checkout", "..")).toAbsolutePath().normalize();

    @Test
    void queueStatPrintsBothCountsThroughTheLauncher(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.cf"), "queue_directory = " + dir.resolve("q") + "\ndata_directory = " + dir.resolve("d") + "\n");
        Process p = new ProcessBuilder(CHECKOUT.resolve("bin/storeadm").toString(), "-c", dir.toString(), "queue", "stat")
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        assertEquals("messages in queue: 0\nmessages in queue but not yet preprocessed: 0\n", out);
    }
}
