package org.storemulti.sync.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.storemulti.sync.location.Location;

/**
 * A sync server on loopback TCP for tests: each connection is served by a {@link SyncServer} on a
 * thread of its own, over the location given (a real store). {@code wrap} may damage what the
 * server sends (a cut stream, a flipped byte).
 */
public final class LoopbackServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Location location;
    private final UnaryOperator<OutputStream> wrap;
    public final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public LoopbackServer(Location location, UnaryOperator<OutputStream> wrap) throws IOException {
        this.location = location;
        this.wrap = wrap;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "sync-server-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread serving = new Thread(() -> serve(client), "sync-server");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            new SyncServer(location, null, client.getInputStream(), wrap.apply(client.getOutputStream())).serve();
        } catch (IOException | RuntimeException e) {
            failures.add(e);
        }
    }

    /** The server as a location: a client over the loopback connections. */
    public RemoteLocation location(String description) throws IOException {
        return RemoteLocation.connect(connector(), description);
    }

    /** A connector to this server. */
    RemoteLocation.Connector connector() {
        return () -> {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), socket.getLocalPort());
            return new Channel.Connection() {
                @Override
                public InputStream input() {
                    try {
                        return s.getInputStream();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }

                @Override
                public OutputStream output() {
                    try {
                        return s.getOutputStream();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }

                @Override
                public void close() throws IOException {
                    s.close();
                }
            };
        };
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
