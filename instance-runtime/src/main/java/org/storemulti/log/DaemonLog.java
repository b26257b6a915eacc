package org.storemulti.log;

import java.io.IOException;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The daemon's log, one line per event in Postfix's shape:
 * {@code syslog_name/service[pid]: level: text}. Lines go to a {@link LogSink}: standard
 * error for {@code storectl start-fg} (the journal under systemd), {@code daemon_log_file}
 * for a detached daemon, a list in tests. Every part of the daemon logs through one of
 * these, tagged with its service ({@link #forService}).
 *
 * <p>{@code syslog_name} is read through a supplier so a reload that changes it takes effect.
 */
public final class DaemonLog {

    /** Severity, printed in lower case, with its syslog priority for the journal. */
    public enum Level {
        DEBUG(7), INFO(6), WARNING(4), ERROR(3), FATAL(2);

        private final int priority;

        Level(int priority) {
            this.priority = priority;
        }

        /** The syslog priority ({@code LOG_DEBUG} 7 ... {@code LOG_CRIT} 2, as Postfix's msg_fatal). */
        public int priority() {
            return priority;
        }
    }

    private final Supplier<String> syslogName;
    private final String service;
    private final long pid;
    private final LogSink sink;
    private final boolean verbose;

    public DaemonLog(Supplier<String> syslogName, String service, long pid, LogSink sink, boolean verbose) {
        this.syslogName = syslogName;
        this.service = service;
        this.pid = pid;
        this.sink = sink;
        this.verbose = verbose;
    }

    /** The same log tagged with another service name. */
    public DaemonLog forService(String name) {
        return new DaemonLog(syslogName, name, pid, sink, verbose);
    }

    public void log(Level level, String text) {
        if (level == Level.DEBUG && !verbose) {
            return;
        }
        sink.line(level, syslogName.get() + "/" + service + "[" + pid + "]: "
                + level.name().toLowerCase(Locale.ROOT) + ": " + text.replace('\n', ' '));
    }

    /** Whether debug lines are written ({@code -v}). */
    public boolean verbose() {
        return verbose;
    }

    public void debug(String text) {
        log(Level.DEBUG, text);
    }

    public void info(String text) {
        log(Level.INFO, text);
    }

    public void warning(String text) {
        log(Level.WARNING, text);
    }

    public void error(String text) {
        log(Level.ERROR, text);
    }

    /** Reopens the sink's file after log rotation (a no-op for standard error). */
    public void reopen() throws IOException {
        sink.reopen();
    }

    /** What a failure says in one line: its message, else its class. */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getName() : message;
    }
}
