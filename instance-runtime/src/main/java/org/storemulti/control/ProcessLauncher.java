package org.storemulti.control;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a process that outlives its parent: a seam so tests and callers can choose how. */
@FunctionalInterface
public interface ProcessLauncher {

    /** Starts {@code command} in {@code directory}, stdin from /dev/null, stdout and stderr appended to {@code log}. */
    Process launch(List<String> command, Path directory, Path log) throws IOException;

    /** {@code setsid} puts the process in a session of its own (no terminal, no parent's signals) when present. */
    Path SETSID = Path.of("/usr/bin/setsid");

    /**
     * The daemon launcher: its own session via {@code setsid} when installed, no pipes
     * to this process (a daemon writing into a pipe of a parent that exited dies of SIGPIPE).
     */
    ProcessLauncher DETACHED = (command, directory, log) -> {
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            full.add(SETSID.toString());
        }
        full.addAll(command);
        return new ProcessBuilder(full)
                .directory(directory.toFile())
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectOutput(Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
    };
}
