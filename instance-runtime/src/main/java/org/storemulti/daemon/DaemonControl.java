package org.storemulti.daemon;

import java.time.Duration;
import java.util.List;

import org.storemulti.imap.ImapSessionInfo;

/** What the control service may ask of the daemon that runs it. */
interface DaemonControl {

    /** The daemon's pid, state and its services' states. */
    DaemonStatus status();

    /**
     * The status once the daemon is running or stopping, or when {@code bound} has passed,
     * whichever comes first.
     */
    DaemonStatus awaitRunning(Duration bound) throws InterruptedException;

    /**
     * Re-reads main.cf and applies what can change while running.
     *
     * @throws org.storemulti.config.ConfigException naming file:line when the new main.cf is
     *     bad; the running configuration is then kept
     */
    ReloadReport reload();

    /** Asks the services to retry deferred work now; what happened, one line. */
    String flush();

    /** The logged-in IMAP sessions, oldest first (none while the IMAP service is off). */
    List<ImapSessionInfo> sessions();

    /** Ends every IMAP session of {@code user}; how many. */
    int kick(String user);

    /** Starts stopping the daemon and returns at once. */
    void requestStop(StopMode mode);
}
