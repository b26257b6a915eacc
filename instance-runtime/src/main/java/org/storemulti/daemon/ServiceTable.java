package org.storemulti.daemon;

import java.util.List;

/**
 * The services a daemon runs, in start order (stopped in reverse), as Postfix's
 * {@code master.cf} lists master's children. {@code storectl status} prints them.
 *
 * <p>Adding a service is one row: write a class implementing {@link Service} with a
 * constructor taking a {@link ServiceContext}, then add
 * {@code new ServiceSpec("name", YourService::new)} below.
 */
public final class ServiceTable {

    /** The services of every instance daemon. */
    public static final List<ServiceSpec> STANDARD = List.of(
            new ServiceSpec("control", ControlService::new),
            new ServiceSpec("lmtp", LmtpService::new),
            new ServiceSpec("imap", ImapService::new),
            new ServiceSpec("queue", QueueService::new),
            new ServiceSpec("checkpoint", CheckpointService::new),
            new ServiceSpec("sweep", SweepService::new));

    private ServiceTable() {
    }
}
