package org.storemulti.lmtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client connection as the server watches it: the limits it was admitted under, where
 * the client is, and what the session is doing: reading from the client or working on a
 * command (each since when, for the per-line deadline), inside DATA since when, in store
 * work (no deadline), and whether a mail transaction is open.
 */
final class Connection implements LmtpSession.Watch {

    final SocketChannel channel;
    final LmtpLimits limits;
    /** The session's ID in log lines. */
    final String id;
    /** The client's IP address; empty for a UNIX socket client. */
    final Optional<InetAddress> client;
    private volatile long recordStart = System.nanoTime();
    private volatile boolean reading = true;
    private volatile boolean awaitingCommand = true;
    private volatile long dataStart;
    private volatile boolean storing;
    private volatile boolean inTransaction;
    private volatile boolean closedByServer;
    private final AtomicBoolean released = new AtomicBoolean();

    Connection(SocketChannel channel, LmtpLimits limits, String id) {
        this.channel = channel;
        this.limits = limits;
        this.id = id;
        this.client = clientOf(channel);
    }

    private static Optional<InetAddress> clientOf(SocketChannel channel) {
        try {
            return channel.getRemoteAddress() instanceof InetSocketAddress inet ? Optional.of(inet.getAddress())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // closed already: the session ends at its first read
        }
    }

    @Override
    public void awaitingCommand() {
        recordStart = System.nanoTime();
        reading = true;
        awaitingCommand = true;
    }

    @Override
    public void working() {
        recordStart = System.nanoTime();
        reading = false;
        awaitingCommand = false;
    }

    @Override
    public void dataStarted() {
        long now = System.nanoTime();
        dataStart = now;
        recordStart = now;
        reading = true;
    }

    @Override
    public void lineEnded() {
        recordStart = System.nanoTime();
    }

    @Override
    public void dataEnded() {
        dataStart = 0;
        reading = false;
    }

    @Override
    public void storing(boolean busy) {
        if (!busy) {
            recordStart = System.nanoTime();
        }
        storing = busy;
    }

    @Override
    public void transaction(boolean open) {
        inTransaction = open;
    }

    boolean inTransaction() {
        return inTransaction;
    }

    /** Waiting for a command outside a transaction: it loses nothing if closed now. */
    boolean idle() {
        return awaitingCommand && !inTransaction;
    }

    /** Since when the session has waited for the client (System.nanoTime), for shedding the longest idle first. */
    long waitingSince() {
        return recordStart;
    }

    static final String TIMEOUT = "421 4.4.2 Timeout: closing connection";
    static final String DATA_TIMEOUT = "421 4.4.2 Timeout: message text took longer than lmtp_data_timeout, closing connection";

    /** Which deadline {@code reply} (from {@link #expired}) enforced, for the log line. */
    String deadline(String reply) {
        return reply.equals(DATA_TIMEOUT) ? "lmtp_data_timeout " + limits.dataTimeout().toSeconds() + "s"
                : "lmtp_timeout " + limits.recordTimeout().toSeconds() + "s";
    }

    /** The reply to close with when a deadline has passed at {@code now}; null while in time. */
    String expired(long now) {
        if (storing) {
            return null;
        }
        if (now - recordStart > limits.recordTimeout().toNanos()) {
            return TIMEOUT;
        }
        long data = dataStart;
        if (data != 0 && now - data > limits.dataTimeout().toNanos()) {
            return DATA_TIMEOUT;
        }
        return null;
    }

    boolean closedByServer() {
        return closedByServer;
    }

    /** True the first time only: the session's slot is given back once, whoever ends it. */
    boolean release() {
        return released.compareAndSet(false, true);
    }

    /**
     * Tells the client {@code reply} (a 421) and closes the connection; the session thread then
     * ends. The reply is written only while the session reads: a session that is writing may
     * be blocked on a client that does not read, and a second write would block this thread too.
     */
    void closeWith(String reply) {
        closedByServer = true;
        if (reading) {
            try {
                channel.write(ByteBuffer.wrap((reply + "\r\n").getBytes(StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                // the client is gone already; closing anyway
            }
        }
        try {
            channel.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
