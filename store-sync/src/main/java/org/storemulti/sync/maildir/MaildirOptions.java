package org.storemulti.sync.maildir;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a maildir is read and written.
 *
 * @param hostName this host's name, in new file names and in {@code pid:host} locks (as Dovecot's)
 * @param lockWait how long to wait for Dovecot's {@code dovecot-uidlist.lock} and
 *        {@code dovecot-keywords.lock} before giving up (Dovecot itself waits up to two minutes)
 * @param clock for new UIDVALIDITY values, file names and lock ages
 * @param notices told what an operator should know (a stale lock broken, a broken line skipped)
 */
public record MaildirOptions(String hostName, Duration lockWait, Clock clock, Consumer<String> notices) {

    private static final System.Logger LOG = System.getLogger(MaildirOptions.class.getName());

    public MaildirOptions {
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(lockWait, "lockWait");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(notices, "notices");
    }

    /** This host's name, a 30 s lock wait, the system clock, notices to the log. */
    public static MaildirOptions defaults() {
        return new MaildirOptions(localHostName(), Duration.ofSeconds(30), Clock.systemUTC(),
                notice -> LOG.log(System.Logger.Level.WARNING, notice));
    }

    public MaildirOptions withLockWait(Duration wait) {
        return new MaildirOptions(hostName, wait, clock, notices);
    }

    public MaildirOptions withClock(Clock newClock) {
        return new MaildirOptions(hostName, lockWait, newClock, notices);
    }

    public MaildirOptions withNotices(Consumer<String> newNotices) {
        return new MaildirOptions(hostName, lockWait, clock, newNotices);
    }

    /**
     * The host name as {@code gethostname(2)} gives it. Java resolves it too and fails when the
     * name has no address; the failure's message still starts with the name.
     */
    static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String message = String.valueOf(e.getMessage());
            int colon = message.indexOf(':');
            return colon > 0 ? message.substring(0, colon) : "localhost";
        }
    }
}
