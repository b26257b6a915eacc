package org.storemulti.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

/**
 * What libraries log through java.util.logging or System.Logger reaches the daemon's log as
 * one line, warnings and worse only; the console handler's two-line format is gone. The
 * root logger is this JVM's, so the test puts it back as it found it.
 */
class LibraryLogsTest {

    @Test
    void libraryWarningsBecomeDaemonLinesAndTheirInfoStaysQuiet() {
        Logger root = Logger.getLogger("");
        Handler[] saved = root.getHandlers();
        Level savedLevel = root.getLevel();
        LogLines lines = new LogLines();
        try {
            LibraryLogs.routeTo(new DaemonLog(() -> "store-a", "daemon", 9, lines, false));

            Logger.getLogger("org.sqlite.Example").info("extracted the native library");
            Logger.getLogger("org.sqlite.Example").warning("could not extract {0}");
            System.getLogger("com.example.Lib").log(System.Logger.Level.ERROR, "broken",
                    new IllegalStateException("why it broke"));
            System.getLogger("com.example.Lib").log(System.Logger.Level.INFO, "chatter");

            assertEquals(List.of("store-a/daemon[9]: warning: org.sqlite.Example: could not extract {0}",
                    "store-a/daemon[9]: error: com.example.Lib: broken: why it broke"), lines.lines());
        } finally {
            for (Handler h : root.getHandlers()) {
                root.removeHandler(h);
            }
            for (Handler h : saved) {
                root.addHandler(h);
            }
            root.setLevel(savedLevel);
        }
    }
}
