package org.storemulti.log;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A log sink that keeps every line, for tests: {@code new LogLines().log("queue")}. */
public final class LogLines implements LogSink {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void line(DaemonLog.Level level, String line) {
        lines.add(line);
    }

    /** A daemon log (syslog_name {@code test}, pid 1, with debug lines) tagged {@code service}, writing here. */
    public DaemonLog log(String service) {
        return new DaemonLog(() -> "test", service, 1, this, true);
    }

    /** The lines so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
