package org.storemulti.lmtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A plain line client over a real socket (TCP or UNIX), as a test of the wire should use:
 * it sends exactly the bytes given and reads replies as they come, one at a time.
 */
public final class LmtpClient implements AutoCloseable {

    private final SocketChannel channel;
    private final BufferedReader in;

    public LmtpClient(SocketAddress address) throws IOException {
        channel = SocketChannel.open(address);
        in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    }

    /**
     * Sends {@code raw} as it is (line ends included). Writes on the channel itself, not
     * through a stream adapter: the adapters share one lock, so a write from a second thread
     * (a slow client's pace) would wait for this thread's blocked read.
     */
    public void send(String raw) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(raw.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** One reply, the lines of a multi-line reply joined by "|"; {@code <EOF>} when the server has closed. */
    public String reply() throws IOException {
        StringBuilder all = new StringBuilder();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                return all.append("<EOF>").toString();
            }
            all.append(all.length() > 0 ? "|" : "").append(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return all.toString();
    }

    /** The greeting and the reply to {@code LHLO client.test}, joined by "|". */
    public String greet() throws IOException {
        String greeting = reply();
        send("LHLO client.test\r\n");
        return greeting + "|" + reply();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
