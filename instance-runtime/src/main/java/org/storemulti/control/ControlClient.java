package org.storemulti.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.storemulti.daemon.ControlProtocol;
import org.storemulti.daemon.ControlProtocol.Reply;

/** The client side of a daemon's control socket: one request, one reply, per connection. */
public final class ControlClient {

    private final Path socket;

    public ControlClient(Path socket) {
        this.socket = socket;
    }

    /**
     * Sends {@code request} and reads the whole reply.
     *
     * @throws IOException when no daemon answers on the socket
     */
    public Reply send(String request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(ControlProtocol.address(socket))) {
            ByteBuffer bytes = ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.shutdownOutput();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
            return Reply.parse(lines);
        }
    }

    public Path socket() {
        return socket;
    }
}
