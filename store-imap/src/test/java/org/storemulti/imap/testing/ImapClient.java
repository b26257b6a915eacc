package org.storemulti.imap.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A plain-socket IMAP client for tests: sends octets exactly as given and reads response
 * lines. Every read fails after 10 s instead of hanging a test.
 */
public final class ImapClient implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private ImapClient(Socket socket) throws IOException {
        use(socket);
    }

    private void use(Socket s) throws IOException {
        socket = s;
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public static ImapClient connect(InetSocketAddress address) throws IOException {
        return new ImapClient(new Socket(address.getAddress(), address.getPort()));
    }

    /** A client speaking TLS from the start (implicit TLS), trusting {@code tls}'s certificates. */
    public static ImapClient connectTls(InetSocketAddress address, SSLContext tls) throws IOException {
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(address.getAddress(), address.getPort());
        s.startHandshake();
        return new ImapClient(s);
    }

    /** Continues over TLS on the same connection (after STARTTLS's OK). */
    public void startTls(SSLContext tls) throws IOException {
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(socket,
                socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        s.startHandshake();
        use(s);
    }

    public boolean secure() {
        return socket instanceof SSLSocket;
    }

    /** Sends {@code text} (UTF-8) as it is. */
    public ImapClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    public ImapClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** One response line without CRLF; null at the end of input. */
    public String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /** Exactly {@code n} octets (a literal's content). */
    public byte[] octets(int n) throws IOException {
        return in.readNBytes(n);
    }

    /** Sends {@code tag text} CRLF and returns every line up to and including the tagged one. */
    public List<String> command(String tag, String text) throws IOException {
        send(tag + " " + text + "\r\n");
        return until(tag);
    }

    /** Reads lines up to and including the one tagged {@code tag}. */
    public List<String> until(String tag) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = line();
            if (line == null) {
                throw new IOException("the server closed the connection; read so far: " + lines);
            }
            lines.add(line);
            if (line.startsWith(tag + " ")) {
                return lines;
            }
        }
    }

    /** Everything {@link #command} reads, lines joined with CRLF again (literals come back whole). */
    public String response(String tag, String text) throws IOException {
        return String.join("\r\n", command(tag, text));
    }

    /** The last line of {@link #command}: the tagged status response. */
    public String tagged(String tag, String text) throws IOException {
        List<String> lines = command(tag, text);
        return lines.get(lines.size() - 1);
    }

    /** Reads the greeting and logs in as the test user. */
    public ImapClient greetedAndLoggedIn() throws IOException {
        line();
        return login();
    }

    /** Logs in as the test user. */
    public ImapClient login() throws IOException {
        String reply = tagged("login", "LOGIN " + TestServer.USER + " " + TestServer.PASSWORD);
        if (!reply.startsWith("login OK")) {
            throw new IOException("login failed: " + reply);
        }
        return this;
    }

    /** Reads until the server closes; the lines read. Fails if it does not close within the read timeout. */
    public List<String> untilClosed() throws IOException {
        List<String> lines = new ArrayList<>();
        try {
            String line;
            while ((line = line()) != null) {
                lines.add(line);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("the server did not close the connection; read: " + lines, e);
        }
        return lines;
    }

    /** Ends the client's sending side (the server sees the end of input). */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
