package org.storemulti.lmtp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The live sessions of one server and who may join them. A new client is refused with 421
 * when it already has {@code clientSessionLimit} sessions; when all {@code sessionLimit}
 * sessions are taken, the one that has waited longest for a command outside a transaction
 * is told 421 and closed to make room (a client that holds sessions open without using
 * them cannot lock others out), and only when none is idle is the new client refused.
 * The limits are those of the arriving client's {@link Connection}, so a reload applies to
 * new sessions.
 */
final class Sessions {

    static final String TOO_MANY = "421 4.3.2 Too many sessions, try again later";
    static final String SHED = "421 4.3.2 Too many sessions: closing the session idle longest";

    private final Set<Connection> live = new LinkedHashSet<>();
    private final Consumer<String> log;

    Sessions(Consumer<String> log) {
        this.log = log;
    }

    /** Admits {@code arriving}, shedding an idle session if need be; else the reply to refuse it with. */
    Optional<String> admit(Connection arriving) {
        Connection shed;
        synchronized (this) {
            LmtpLimits limits = arriving.limits;
            if (limits.clientSessionLimit() > 0 && arriving.client.isPresent()
                    && live.stream().filter(c -> c.client.equals(arriving.client)).count() >= limits.clientSessionLimit()) {
                String address = arriving.client.get().getHostAddress();
                log.accept("refused " + address + ": " + limits.clientSessionLimit()
                        + " sessions from it already (lmtp_client_session_limit)");
                return Optional.of("421 4.7.0 Error: too many connections from " + address);
            }
            shed = null;
            if (live.size() >= limits.sessionLimit()) {
                shed = live.stream().filter(Connection::idle).min(Comparator.comparingLong(Connection::waitingSince))
                        .orElse(null);
                if (shed == null) {
                    log.accept("refused a client: all " + live.size() + " sessions are busy (lmtp_session_limit)");
                    return Optional.of(TOO_MANY);
                }
                release(shed);
            }
            live.add(arriving);
        }
        if (shed != null) {
            log.accept(shed.id + ": closed, idle longest, to admit a new client (lmtp_session_limit)");
            shed.closeWith(SHED);
        }
        return Optional.empty();
    }

    /** Gives {@code connection}'s place back (once, however often it is called). */
    synchronized void release(Connection connection) {
        if (connection.release()) {
            live.remove(connection);
        }
    }

    synchronized List<Connection> snapshot() {
        return new ArrayList<>(live);
    }

    /** Closes every session whose deadline has passed; its place is free at once, not when its thread notices. */
    void expire() {
        long now = System.nanoTime();
        for (Connection c : snapshot()) {
            String reply = c.expired(now);
            if (reply != null) {
                release(c);
                log.accept(c.id + ": " + reply + (c.inTransaction() ? " in a mail transaction" : "")
                        + " (" + c.deadline(reply) + ")");
                c.closeWith(reply);
            }
        }
    }
}
