package org.storemulti.log;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command's standard error while it is the journal. The commands ({@code storectl},
 * {@code storemulti}, {@code storeadm}, {@code storeconf}) print plain lines, their level
 * as a tag after the program's (and the instance's) name: {@code storectl: fatal: ...},
 * {@code store-a: storectl: warning: ...}. Under a systemd unit each such line goes to a
 * {@link LogSink} at the level its first tag names, so the journal files it under that
 * priority as it files the daemon's lines. A line without a tag is info, but an indented
 * one or a {@code Caused by:} (a stack trace's, with {@code -v}) keeps the level of the line
 * before it. Anywhere else the command's standard error is left as it is.
 */
public final class CommandStderr extends Writer {

    /** Tags ({@code PROGRAM: }, {@code store-a: }), then the level word. */
    private static final Pattern TAGGED = Pattern.compile("(?:\\S+: )*?(fatal|panic|usage|error|warning|info|debug): ");

    private final LogSink sink;
    private final StringBuilder line = new StringBuilder(160);
    private DaemonLog.Level previous = DaemonLog.Level.INFO;

    /** Lines to {@code sink}, each at the level it names. */
    CommandStderr(LogSink sink) {
        this.sink = sink;
    }

    /**
     * The writer for a command's diagnostics when {@code $JOURNAL_STREAM} in {@code environment}
     * says standard error is the journal ({@link LogSink#stderr}'s rule); empty otherwise.
     */
    public static Optional<PrintWriter> journal(Map<String, String> environment) {
        if (!JournalStream.isStandardError(environment)) {
            return Optional.empty();
        }
        return Optional.of(new PrintWriter(new CommandStderr(LogSink.stream(System.err, true)), true));
    }

    /**
     * The level of {@code text}: the one its first tag names ({@code usage} is fatal, as
     * Postfix's usage messages are); {@code previous} for a stack trace's continuation line;
     * else info.
     */
    static DaemonLog.Level level(String text, DaemonLog.Level previous) {
        Matcher tagged = TAGGED.matcher(text);
        if (tagged.lookingAt()) {
            return switch (tagged.group(1)) {
                case "fatal", "panic", "usage" -> DaemonLog.Level.FATAL;
                default -> DaemonLog.Level.valueOf(tagged.group(1).toUpperCase(Locale.ROOT));
            };
        }
        boolean continued = text.startsWith("\t") || text.startsWith(" ") || text.startsWith("Caused by: ");
        return continued ? previous : DaemonLog.Level.INFO;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        synchronized (lock) {
            int start = offset;
            int end = offset + length;
            for (int i = offset; i < end; i++) {
                if (chars[i] == '\n') {
                    line.append(chars, start, i - start);
                    emit();
                    start = i + 1;
                }
            }
            line.append(chars, start, end - start);
        }
    }

    /** Passes on a line written without its end, so nothing waits for an end that never comes. */
    @Override
    public void flush() {
        synchronized (lock) {
            if (!line.isEmpty()) {
                emit();
            }
        }
    }

    @Override
    public void close() {
        flush();
    }

    private void emit() {
        String text = line.toString();
        line.setLength(0);
        previous = level(text, previous);
        sink.line(previous, text);
    }
}
