package org.storemulti.log;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes what libraries log into the daemon's one path. A library logs through
 * {@code java.util.logging}, directly (the SQLite driver) or through {@code System.Logger},
 * whose default backend it is; unconfigured, that prints two lines per record in its own
 * format on standard error. Installed by the daemon's process (never by a library or a
 * test), this replaces the root logger's console handler: records at {@code WARNING} and
 * above become daemon log lines naming their logger, lower ones only with {@code -v}, as
 * debug lines; libraries stay quiet otherwise.
 */
public final class LibraryLogs {

    private LibraryLogs() {
    }

    /** Makes {@code log} the only destination of {@code java.util.logging} in this process. */
    public static void routeTo(DaemonLog log) {
        Logger root = Logger.getLogger("");
        for (Handler old : root.getHandlers()) {
            root.removeHandler(old);
        }
        root.setLevel(log.verbose() ? Level.ALL : Level.WARNING);
        root.addHandler(new Bridge(log));
    }

    /** One daemon log line per record. */
    private static final class Bridge extends Handler {
        private final DaemonLog log;
        private final Formatter text = new Formatter() {
            @Override
            public String format(LogRecord record) {
                return formatMessage(record);
            }
        };

        Bridge(DaemonLog log) {
            this.log = log;
        }

        @Override
        public void publish(LogRecord record) {
            String message = record.getLoggerName() + ": " + text.format(record)
                    + (record.getThrown() == null ? "" : ": " + DaemonLog.describe(record.getThrown()));
            log.log(level(record.getLevel()), message);
        }

        private static DaemonLog.Level level(Level level) {
            if (level.intValue() >= Level.SEVERE.intValue()) {
                return DaemonLog.Level.ERROR;
            }
            if (level.intValue() >= Level.WARNING.intValue()) {
                return DaemonLog.Level.WARNING;
            }
            return level.intValue() >= Level.INFO.intValue() ? DaemonLog.Level.INFO : DaemonLog.Level.DEBUG;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
