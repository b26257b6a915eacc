package org.storemulti.daemon;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The daemon's log, one line per event in Postfix's shape:
 * {@code syslog_name/service[pid]: level: text}. Lines go to a {@link Sink}: stderr for a
 * daemon (journald or the log file {@code storectl start} redirects it to), a list in tests.
 *
 * <p>{@code syslog_name} is read through a supplier so a reload that changes it takes effect.
 */
public final class DaemonLog {

    /** Severity, printed in lower case. */
    public enum Level { DEBUG, INFO, WARNING, ERROR, FATAL }

    /** Where finished lines go. */
    @FunctionalInterface
    public interface Sink {
        void line(String line);

        /** Standard error, one atomic {@code println} per line. */
        static Sink stderr() {
            PrintStream err = System.err;
            return line -> {
                synchronized (err) {
                    err.println(line);
                    err.flush();
                }
            };
        }
    }

    private final Supplier<String> syslogName;
    private final String service;
    private final long pid;
    private final Sink sink;
    private final boolean verbose;

    public DaemonLog(Supplier<String> syslogName, String service, long pid, Sink sink, boolean verbose) {
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
        sink.line(syslogName.get() + "/" + service + "[" + pid + "]: "
                + level.name().toLowerCase(Locale.ROOT) + ": " + text.replace('\n', ' '));
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

    /** What a failure says in one line: its message, else its class. */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getName() : message;
    }
}
