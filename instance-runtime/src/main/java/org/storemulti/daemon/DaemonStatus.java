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

    private static final String FAILING = "failing: ";

    /**
     * The services of a running daemon that are not serving after a failure: failed and
     * waiting for their restart, or restarting after one. {@code storectl status} exits
     * non-zero and names them.
     */
    public List<String> failing() {
        if (state != State.RUNNING) {
            return List.of();
        }
        return services.stream().filter(s -> s.state() == ServiceStatus.State.FAILED
                || s.state() == ServiceStatus.State.STARTING && s.restarts() > 0).map(ServiceStatus::name).toList();
    }

    /** The failing services a {@link #lines()} text names, if any. */
    public static List<String> failingIn(List<String> lines) {
        for (String line : lines) {
            if (line.startsWith(FAILING)) {
                return List.of(line.substring(FAILING.length()).strip().split(" "));
            }
        }
        return List.of();
    }

    /** The status as the control protocol sends it: {@code key: value} lines, then a service table. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("state: " + state.name().toLowerCase(Locale.ROOT));
        lines.add("pid: " + pid);
        lines.add("since: " + since.truncatedTo(ChronoUnit.SECONDS));
        if (!failing().isEmpty()) {
            lines.add(FAILING + String.join(" ", failing()));
        }
        lines.add(row("service", "state", "since", "restarts", "last failure"));
        for (ServiceStatus s : services) {
            lines.add(row(s.name(), s.state().name().toLowerCase(Locale.ROOT),
                    s.since().truncatedTo(ChronoUnit.SECONDS).toString(), Long.toString(s.restarts()),
                    s.lastFailure() == null ? "-" : s.lastFailure()));
        }
        return lines;
    }

    /**
     * One table row, padded by hand: java.util.Formatter's first use costs a starting daemon
     * about 13 ms of CPU, and the first status request comes while it starts.
     */
    private static String row(String service, String state, String since, String restarts, String failure) {
        return left(service, 14) + ' ' + left(state, 9) + ' ' + left(since, 20) + ' '
                + " ".repeat(Math.max(0, 8 - restarts.length())) + restarts + "  " + failure;
    }

    private static String left(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    /**
     * The status a {@link #lines()} text reports, read back (for {@code storectl status -j}):
     * the {@code key: value} lines, then each table row's five columns, the last failure
     * ({@code -} for none) taking the rest of its line.
     */
    public static DaemonStatus parse(List<String> lines) {
        long pid = -1;
        Instant since = null;
        List<ServiceStatus> services = new ArrayList<>();
        boolean table = false;
        for (String line : lines) {
            if (table) {
                String[] column = line.strip().split("\\s+", 5);
                String failure = column.length > 4 && !column[4].equals("-") ? column[4] : null;
                services.add(new ServiceStatus(column[0], ServiceStatus.State.valueOf(column[1].toUpperCase(Locale.ROOT)),
                        Instant.parse(column[2]), Integer.parseInt(column[3]), failure));
            } else if (line.startsWith("pid: ")) {
                pid = Long.parseLong(line.substring(5).strip());
            } else if (line.startsWith("since: ")) {
                since = Instant.parse(line.substring(7).strip());
            } else if (line.startsWith("service ")) {
                table = true;
            }
        }
        return new DaemonStatus(pid, stateIn(lines), since, services);
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
