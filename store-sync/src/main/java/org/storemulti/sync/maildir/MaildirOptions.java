package org.storemulti.sync.maildir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.storemulti.sync.location.TreeOwner;

/**
 * How a maildir is read and written.
 *
 * @param hostName this host's name, in new file names and in {@code pid:host} locks (as Dovecot's)
 * @param lockWait how long to wait for Dovecot's {@code dovecot-uidlist.lock} and
 *        {@code dovecot-keywords.lock} before giving up (Dovecot itself waits up to two minutes)
 * @param clock for new UIDVALIDITY values, file names and lock ages
 * @param notices told what an operator should know (a stale lock broken, a broken line skipped)
 * @param owner who new files and directories are given to (the tree's owner, when the sync runs as
 *        root), or null to leave them to the user the process runs as
 */
public record MaildirOptions(String hostName, Duration lockWait, Clock clock, Consumer<String> notices, TreeOwner owner) {


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
                notice -> LOG.log(System.Logger.Level.WARNING, notice), null);
    }

    public MaildirOptions withLockWait(Duration wait) {
        return new MaildirOptions(hostName, wait, clock, notices, owner);
    }

    public MaildirOptions withClock(Clock newClock) {
        return new MaildirOptions(hostName, lockWait, newClock, notices, owner);
    }

    public MaildirOptions withNotices(Consumer<String> newNotices) {
        return new MaildirOptions(hostName, lockWait, clock, newNotices, owner);
    }

    public MaildirOptions withOwner(TreeOwner newOwner) {
        return new MaildirOptions(hostName, lockWait, clock, notices, newOwner);
    }

    /** Gives {@code path}, just made, to the tree's owner (if one is set). */
    void own(Path path) throws IOException {
        TreeOwner.give(owner, path);
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
