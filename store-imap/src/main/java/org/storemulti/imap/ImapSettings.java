package org.storemulti.imap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.SSLContext;

/**
 * How the IMAP service behaves, as typed values: the runtime derives them from main.cf
 * (this library never reads it). {@link #defaults} gives RFC-minded defaults; the
 * {@code with...} methods change one thing.
 *
 * @param version         the server version ID answers with
 * @param loginTimeout    how long a connection may stay idle before it logs in
 * @param autologout      how long an authenticated session may stay idle (RFC 3501 5.4: at least 30 minutes)
 * @param writeTimeout    how long the server waits for a client that reads nothing before dropping it
 * @param lineLimit       octets of command text (literals not counted) one command may hold
 * @param literalLimit    largest literal outside APPEND, and largest one held in memory
 * @param commandMemory   octets of literals one command may hold in memory together
 * @param appendLimit     largest message APPEND takes (the instance's message_size_limit; 0: none)
 * @param spoolDirectory  where APPEND messages larger than {@code literalLimit} wait while they arrive
 * @param plaintextAuth   whether LOGIN and AUTHENTICATE PLAIN/LOGIN work without TLS on a
 *                        non-local connection (loopback and UNIX sockets always may)
 * @param tls             the key and certificate for STARTTLS and implicit TLS, if any
 * @param workers         most threads running commands at once (idle connections need none)
 * @param inputMemory     heap octets all connections together may fill with command text and
 *                        literals still arriving (default: a quarter of the maximum heap)
 */
public record ImapSettings(String version, Duration loginTimeout, Duration autologout, Duration writeTimeout,
        int lineLimit, int literalLimit, long commandMemory, long appendLimit, Path spoolDirectory,
        boolean plaintextAuth, Optional<SSLContext> tls, int workers, long inputMemory) {

    public ImapSettings {
        if (lineLimit < 1024 || literalLimit < 1024 || workers < 1) {
            throw new IllegalArgumentException("IMAP limits too small: line " + lineLimit + ", literal "
                    + literalLimit + ", workers " + workers);
        }
    }

    /** 60 s to log in, 30 min autologout, 5 min write timeout, 64 KiB lines and literals, 1 MiB per command. */
    public static ImapSettings defaults(String version, Path spoolDirectory) {
        return new ImapSettings(version, Duration.ofSeconds(60), Duration.ofMinutes(30), Duration.ofMinutes(5), 65536,
                65536, 1 << 20, 10_240_000, spoolDirectory, false, Optional.empty(), 32,
                Runtime.getRuntime().maxMemory() / 4);
    }

    public ImapSettings withTimeouts(Duration login, Duration autologout, Duration write) {
        return new ImapSettings(version, login, autologout, write, lineLimit, literalLimit, commandMemory, appendLimit,
                spoolDirectory, plaintextAuth, tls, workers, inputMemory);
    }

    public ImapSettings withLimits(int lineLimit, int literalLimit, long commandMemory, long appendLimit) {
        return new ImapSettings(version, loginTimeout, autologout, writeTimeout, lineLimit, literalLimit, commandMemory,
                appendLimit, spoolDirectory, plaintextAuth, tls, workers, inputMemory);
    }

    public ImapSettings withPlaintextAuth(boolean allowed) {
        return new ImapSettings(version, loginTimeout, autologout, writeTimeout, lineLimit, literalLimit, commandMemory,
                appendLimit, spoolDirectory, allowed, tls, workers, inputMemory);
    }

    public ImapSettings withTls(SSLContext context) {
        return new ImapSettings(version, loginTimeout, autologout, writeTimeout, lineLimit, literalLimit, commandMemory,
                appendLimit, spoolDirectory, plaintextAuth, Optional.of(context), workers, inputMemory);
    }

    public ImapSettings withWorkers(int threads) {
        return new ImapSettings(version, loginTimeout, autologout, writeTimeout, lineLimit, literalLimit, commandMemory,
                appendLimit, spoolDirectory, plaintextAuth, tls, threads, inputMemory);
    }

    public ImapSettings withInputMemory(long octets) {
        return new ImapSettings(version, loginTimeout, autologout, writeTimeout, lineLimit, literalLimit, commandMemory,
                appendLimit, spoolDirectory, plaintextAuth, tls, workers, octets);
    }
}
