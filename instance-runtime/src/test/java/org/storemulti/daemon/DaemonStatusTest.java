package org.storemulti.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class DaemonStatusTest {

    @Test
    void theServiceTableKeepsItsColumnsAndTheStateReadsBack() {
        Instant since = Instant.parse("2026-12-03T10:15:30.250Z");
        DaemonStatus status = new DaemonStatus(4711, DaemonStatus.State.RUNNING, since, List.of(
                new ServiceStatus("lmtp", ServiceStatus.State.RUNNING, since, 0, null),
                new ServiceStatus("a-service-name-longer-than-its-column", ServiceStatus.State.FAILED, since, 12,
                        "bind: address in use")));
        assertEquals(List.of(
                "state: running",
                "pid: 4711",
                "since: 2026-12-03T10:15:30Z",
                "failing: a-service-name-longer-than-its-column",
                "service        state     since                restarts  last failure",
                "lmtp           running   2026-12-03T10:15:30Z        0  -",
                "a-service-name-longer-than-its-column failed    2026-12-03T10:15:30Z       12  bind: address in use"),
                status.lines());
        assertEquals(DaemonStatus.State.RUNNING, DaemonStatus.stateIn(status.lines()));
        assertEquals(List.of("a-service-name-longer-than-its-column"), DaemonStatus.failingIn(status.lines()));
        Instant second = Instant.parse("2026-12-03T10:15:30Z");
        assertEquals(new DaemonStatus(4711, DaemonStatus.State.RUNNING, second, List.of(
                new ServiceStatus("lmtp", ServiceStatus.State.RUNNING, second, 0, null),
                new ServiceStatus("a-service-name-longer-than-its-column", ServiceStatus.State.FAILED, second, 12,
                        "bind: address in use"))), DaemonStatus.parse(status.lines()),
                "parse reads the lines back, to the second (storectl status -j)");
    }

    @Test
    void aServiceRestartingAfterAFailureIsFailingAndOneThatRecoveredIsNot() {
        Instant since = Instant.parse("2026-12-03T10:15:30Z");
        DaemonStatus restarting = new DaemonStatus(1, DaemonStatus.State.RUNNING, since, List.of(
                new ServiceStatus("lmtp", ServiceStatus.State.STARTING, since, 3, "bind"),
                new ServiceStatus("queue", ServiceStatus.State.RUNNING, since, 2, "disk full")));
        assertEquals(List.of("lmtp"), restarting.failing());
        DaemonStatus starting = new DaemonStatus(1, DaemonStatus.State.STARTING, since, List.of(
                new ServiceStatus("lmtp", ServiceStatus.State.STARTING, since, 0, null)));
        assertEquals(List.of(), DaemonStatus.failingIn(starting.lines()));
    }
}
