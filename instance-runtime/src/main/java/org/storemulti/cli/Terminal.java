package org.storemulti.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error is a terminal, without native code: the kernel shows what file
 * descriptor 2 is as the link {@code /proc/self/fd/2}, which names a terminal device
 * ({@code /dev/pts/N}, {@code /dev/ttyN}, {@code /dev/console}) when it is one.
 * {@code System.console()} cannot say: on Java 17 it looks at standard input and output,
 * and a progress line goes to standard error.
 */
public final class Terminal {

    private static final Path STDERR = Path.of("/proc/self/fd/2");

    private Terminal() {
    }

    /** Whether this process's standard error is a terminal. */
    public static boolean stderr() {
        return isTerminal(STDERR);
    }

    /** Whether {@code descriptor} (a {@code /proc/.../fd/N} link) leads to a terminal device. */
    static boolean isTerminal(Path descriptor) {
        try {
            String target = Files.readSymbolicLink(descriptor).toString();
            return target.startsWith("/dev/pts/") || target.matches("/dev/tty[A-Za-z]*[0-9]*") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false; // no /proc (not Linux) or no such descriptor: not a terminal to draw on
        }
    }
}
