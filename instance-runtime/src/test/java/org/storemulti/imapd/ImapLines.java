package org.storemulti.imapd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-socket IMAP client for the daemon's tests: sends exactly what it is given and
 * reads response lines; a read fails after 10 s instead of hanging the test.
 */
final class ImapLines implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    ImapLines(InetSocketAddress address) throws IOException {
        socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Connects and reads the greeting. */
    static ImapLines greeted(InetSocketAddress address) throws IOException {
        ImapLines c = new ImapLines(address);
        c.line();
        return c;
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One line without CRLF; null at the end of input. */
    String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /** Sends {@code tag text} and returns the lines up to the tagged one. */
    List<String> command(String tag, String text) throws IOException {
        send(tag + " " + text + "\r\n");
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = line();
            if (line == null) {
                throw new IOException("the server closed the connection; read: " + lines);
            }
            lines.add(line);
            if (line.startsWith(tag + " ")) {
                return lines;
            }
        }
    }

    /** The tagged line of {@link #command}. */
    String tagged(String tag, String text) throws IOException {
        List<String> lines = command(tag, text);
        return lines.get(lines.size() - 1);
    }

    /** Everything until the server closes. */
    List<String> untilClosed() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = line()) != null) {
            lines.add(line);
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
