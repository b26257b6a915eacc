package org.storemulti.daemon;

import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.storemulti.config.InstanceConfig;
import org.storemulti.log.DaemonLog;
import org.storemulti.store.Store;

/**
 * What a service gets from the daemon: its name, the current configuration (a reload
 * swaps it), a log tagged with its name, the daemon itself (for the control service),
 * the way to report a failure that happens after {@link Service#start} returned, the
 * instance's store, opened once by the daemon and shared by every service, and the
 * daemon's clock, the one time source of every service (tests move it).
 */
record ServiceContext(String name, Supplier<InstanceConfig> configuration, DaemonLog log,
        DaemonControl daemon, Consumer<Throwable> failureReport, Supplier<Store> storeAccess, Clock clock) {

    /** The instance's open store (LMTP, queue manager and checkpointer share it). */
    public Store store() {
        return storeAccess.get();
    }

    public InstanceConfig config() {
        return configuration.get();
    }

    /** Reports that the service failed; the supervisor stops it and restarts a fresh one. */
    public void failed(Throwable failure) {
        failureReport.accept(failure);
    }
}
