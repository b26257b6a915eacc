package org.storemulti.log;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** Where finished log lines go: standard error (the journal, or a terminal), a file, a list in tests. */
@FunctionalInterface
public interface LogSink {

    /** Writes one finished line of {@code level}; never throws. */
    void line(DaemonLog.Level level, String line);

    /** Reopens the destination after log rotation renamed it ({@code storectl reload}); a no-op for streams. */
    default void reopen() throws IOException {
    }

    /**
     * Standard error, one line per {@code println}; each line starts with its syslog priority
     * ({@code <6>} for info) when {@code $JOURNAL_STREAM} in {@code environment} says standard
     * error is connected to the journal, which then files the line under that priority
     * ({@code SyslogLevelPrefix=}, on by default).
     */
    static LogSink stderr(Map<String, String> environment) {
        return stream(System.err, JournalStream.isStandardError(environment));
    }

    /** The file descriptor standard error is, as the kernel shows it. */
    Path STDERR = Path.of("/proc/self/fd/2");

    /** {@code out}, with priority prefixes when {@code journal}. */
    static LogSink stream(PrintStream out, boolean journal) {
        return (level, line) -> {
            String text = journal ? "<" + level.priority() + ">" + line : line;
            synchronized (out) {
                out.println(text);
                out.flush();
            }
        };
    }
}
