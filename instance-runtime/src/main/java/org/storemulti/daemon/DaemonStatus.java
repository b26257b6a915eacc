package org.storemulti.daemon;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The daemon's answer to {@code status}: pid, state, since when, and one line per service. */
public record DaemonStatus(long pid, State state, Instant since, List<ServiceStatus> services) {

    /** The daemon's life-cycle state; {@code storectl start} waits for {@link #RUNNING}. */
    public enum State { STARTING, RUNNING, STOPPING }

    /** The status as the control protocol sends it: {@code key: value} lines, then a service table. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("state: " + state.name().toLowerCase(Locale.ROOT));
        lines.add("pid: " + pid);
        lines.add("since: " + since.truncatedTo(ChronoUnit.SECONDS));
        lines.add(String.format("%-14s %-9s %-20s %8s  %s", "service", "state", "since", "restarts", "last failure"));
        for (ServiceStatus s : services) {
            lines.add(String.format("%-14s %-9s %-20s %8d  %s", s.name(), s.state().name().toLowerCase(Locale.ROOT),
                    s.since().truncatedTo(ChronoUnit.SECONDS), s.restarts(), s.lastFailure() == null ? "-" : s.lastFailure()));
        }
        return lines;
    }

    /** The state a {@link #lines()} text reports, if any. */
    public static State stateIn(List<String> lines) {
        for (String line : lines) {
            if (line.startsWith("state: ")) {
                return State.valueOf(line.substring(7).strip().toUpperCase(Locale.ROOT));
            }
        }
        throw new DaemonException("status reply without a state line: " + lines);
    }
}
