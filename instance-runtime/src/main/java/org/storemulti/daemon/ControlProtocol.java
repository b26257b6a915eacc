package org.storemulti.daemon;

import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.storemulti.imap.ImapSessionInfo;
import org.storemulti.lmtp.Endpoint;

/**
 * The control socket's line protocol. A client connects, sends one request line
 * ({@code status}, {@code ready}, {@code reload}, {@code flush}, {@code stop graceful|quick},
 * {@code who}, {@code kick USER})
 * and reads the reply until the daemon closes the connection: a first line {@code ok} or
 * {@code error: TEXT}, then body lines. {@code ready} is {@code status} answered once the
 * daemon has started its services (or is stopping, or {@code daemon_start_timeout} passed),
 * so a starting {@code storectl} waits on one connection instead of polling.
 */
public final class ControlProtocol {

    public static final String STATUS = "status";
    public static final String READY = "ready";
    public static final String RELOAD = "reload";
    public static final String FLUSH = "flush";
    public static final String STOP = "stop";
    /** The logged-in IMAP sessions: one line each, {@link #sessionLine} fields separated by tabs. */
    public static final String WHO = "who";
    /** {@code kick USER}: ends the user's IMAP sessions; the reply says how many. */
    public static final String KICK = "kick";

    /** Longest socket path Linux binds (one rule for every socket: {@link Endpoint#MAX_SOCKET_PATH}). */
    public static final int MAX_SOCKET_PATH_BYTES = Endpoint.MAX_SOCKET_PATH;

    private ControlProtocol() {
    }

    /**
     * The address of {@code socket}.
     *
     * @throws DaemonException naming the path when it is too long to bind
     */
    public static UnixDomainSocketAddress address(Path socket) {
        int length = socket.toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_SOCKET_PATH_BYTES) {
            throw new DaemonException(socket + ": socket path is " + length + " bytes, longer than the "
                    + MAX_SOCKET_PATH_BYTES + " a UNIX socket allows: choose a shorter queue_directory");
        }
        return UnixDomainSocketAddress.of(socket);
    }

    /**
     * One session as {@code who} sends it: ID, user, client, since (ISO-8601, seconds),
     * mailbox, separated by tabs (none of them can hold one: mailbox names refuse control
     * characters).
     */
    public static String sessionLine(ImapSessionInfo session) {
        return String.join("\t", session.id(), session.user(), session.client(),
                session.since().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), session.mailbox());
    }

    /** A {@link #sessionLine} read back. */
    public static ImapSessionInfo parseSessionLine(String line) {
        String[] field = line.split("\t", -1);
        if (field.length != 5) {
            throw new DaemonException("malformed session line from the control socket: " + line);
        }
        return new ImapSessionInfo(field[0], field[1], field[2], java.time.Instant.parse(field[3]), field[4]);
    }

    /** A reply: success or failure with a one-line message, and body lines. */
    public record Reply(boolean ok, String message, List<String> body) {

        public static Reply ok(List<String> body) {
            return new Reply(true, "", List.copyOf(body));
        }

        public static Reply ok(String line) {
            return ok(List.of(line));
        }

        public static Reply error(String message) {
            return new Reply(false, message.replace('\n', ' '), List.of());
        }

        /** The wire form, each element one line. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add(ok ? "ok" : "error: " + message);
            lines.addAll(body);
            return lines;
        }

        /** Parses the wire form. */
        public static Reply parse(List<String> lines) {
            if (lines.isEmpty()) {
                throw new DaemonException("empty reply from the control socket");
            }
            String first = lines.get(0);
            List<String> body = lines.subList(1, lines.size());
            if (first.equals("ok")) {
                return ok(body);
            }
            if (first.startsWith("error: ")) {
                return new Reply(false, first.substring(7), List.copyOf(body));
            }
            throw new DaemonException("malformed reply from the control socket: " + first);
        }
    }
}
