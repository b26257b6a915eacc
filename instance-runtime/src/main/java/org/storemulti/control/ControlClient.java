package org.storemulti.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.storemulti.daemon.ControlProtocol;
import org.storemulti.daemon.ControlProtocol.Reply;

/**
 * The client side of a daemon's control socket: one request, one reply, per connection,
 * within a time bound so a stuck daemon cannot hang {@code storectl}.
 */
public final class ControlClient {

    /** How long a reply may take unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Path socket;
    private final Duration timeout;

    public ControlClient(Path socket) {
        this(socket, DEFAULT_TIMEOUT);
    }

    public ControlClient(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /**
     * Sends {@code request} and reads the whole reply.
     *
     * @throws IOException when no daemon answers on the socket, or not within the bound
     */
    public Reply send(String request) throws IOException {
        try (SocketChannel channel = connect()) {
            ByteBuffer bytes = ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.shutdownOutput();
            String text = readToEnd(channel);
            return Reply.parse(text.isEmpty() ? List.of() : text.lines().toList());
        }
    }

    /**
     * Connects; a socket this user may not use is an {@link AccessDeniedException} (the JDK
     * reports EACCES on connect as a {@code BindException}: "Permission denied").
     */
    private SocketChannel connect() throws IOException {
        try {
            return SocketChannel.open(ControlProtocol.address(socket));
        } catch (SocketException e) {
            if ("Permission denied".equals(e.getMessage())) {
                AccessDeniedException denied = new AccessDeniedException(socket.toString());
                denied.initCause(e);
                throw denied;
            }
            throw e;
        }
    }

    private String readToEnd(SocketChannel channel) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        channel.configureBlocking(false);
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new SocketTimeoutException(socket + ": no complete reply within " + timeout.toSeconds() + "s");
                }
                selector.select(left);
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    return reply.toString(StandardCharsets.UTF_8);
                }
                reply.write(buffer.array(), 0, n);
            }
        }
    }

    public Path socket() {
        return socket;
    }
}
