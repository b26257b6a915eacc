package org.storemulti.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Starts a process that outlives its parent: a seam so tests and callers can choose how. */
@FunctionalInterface
interface ProcessLauncher {

    /**
     * Starts {@code command} in {@code directory}, stdin from /dev/null, stdout and stderr
     * appended to {@code log}; the started process, or empty when it is already gone.
     * {@code runAs} is a prefix that runs what follows as another user (see
     * {@link org.storemulti.owner.MailOwner#switchCommand}), or empty; that user opens the log.
     */
    Optional<ProcessHandle> launch(List<String> runAs, List<String> command, Path directory, Path log)
            throws IOException;

    /** {@code setsid} puts the process in a session of its own (no terminal, no parent's signals) when present. */
    Path SETSID = Path.of("/usr/bin/setsid");

    /**
     * The daemon launcher: a shell starts the daemon in the background (in its own session
     * via {@code setsid} when installed) and exits at once, so the daemon is not this JVM's
     * child. A live child would keep one of this JVM's threads waiting in {@code waitpid},
     * and a JVM with a thread in native code waits 300 ms before it can exit: every
     * {@code storectl start} and {@code storemulti -p start} paid that (BENCHMARKS.md).
     * Nothing is piped to this process (a daemon writing into the pipe of a parent that
     * exited would die of SIGPIPE). The daemon's exit status is lost; its log tells why.
     */
    ProcessLauncher DETACHED = (runAs, command, directory, log) -> {
        // "$@" in the background with the redirections, then its pid; the log path is $0. The
        // daemon's umask is 077 whatever the caller's: the log and anything else it creates
        // without an explicit mode (the sockets, until they are given theirs) stay private
        List<String> full = new ArrayList<>(runAs);
        full.addAll(List.of("/bin/sh", "-c", "umask 077; \"$@\" </dev/null >>\"$0\" 2>&1 & echo $!", log.toString()));
        if (Files.isExecutable(SETSID)) {
            full.add(SETSID.toString());
        }
        full.addAll(command);
        Process shell = new ProcessBuilder(full).directory(directory.toFile()).redirectErrorStream(true).start();
        shell.getOutputStream().close();
        // the shell exits right after the echo; the daemon holds none of its output
        String printed = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (shell.waitFor() != 0 || !printed.matches("\\d+")) {
                throw new IOException("could not start " + command.get(0) + " through /bin/sh: " + printed);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + command.get(0), e);
        }
        return ProcessHandle.of(Long.parseLong(printed));
    };
}
