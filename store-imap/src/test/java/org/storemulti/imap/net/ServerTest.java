package org.storemulti.imap.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.imap.ConnectionGate;
import org.storemulti.imap.ImapListener;
import org.storemulti.imap.TlsFiles;
import org.storemulti.imap.testing.TestCertificate;
import org.storemulti.imap.testing.TestServer;

/**
 * The connection layer with a protocol of its own (no IMAP): file ranges and large
 * writes over plain TCP and TLS, and a client that reads nothing.
 */
class ServerTest {

    @TempDir
    Path directory;
    private final List<String> log = new CopyOnWriteArrayList<>();

    /** "send" → the whole file, then "end"; "flood" → 64 MB nobody may read; "boom" → an Error. */
    private final class FileProtocol implements Protocol {
        private final Wire wire;
        private final Path file;

        FileProtocol(Wire wire, Path file) {
            this.wire = wire;
            this.file = file;
        }

        @Override
        public void opened() throws IOException {
            wire.write(ByteBuffer.wrap("hello\n".getBytes(StandardCharsets.US_ASCII)));
        }

        @Override
        public void refused(String reason) {
        }

        @Override
        public void received(ByteBuffer data) throws IOException {
            String text = StandardCharsets.US_ASCII.decode(data).toString();
            if (text.startsWith("send")) {
                try (FileChannel channel = FileChannel.open(file)) {
                    wire.transfer(channel, 0, channel.size());
                }
                wire.write(ByteBuffer.wrap("end\n".getBytes(StandardCharsets.US_ASCII)));
            } else if (text.startsWith("boom")) {
                throw new Error("injected by the test");
            } else if (text.startsWith("flood")) {
                for (int i = 0; i < 64; i++) {
                    wire.write(ByteBuffer.allocate(1 << 20));
                }
            }
        }

        @Override
        public Duration idleTimeout() {
            return Duration.ofMinutes(1);
        }

        @Override
        public void timedOut() {
        }

        @Override
        public void shuttingDown() {
        }

        @Override
        public void failed() throws IOException {
            wire.write(ByteBuffer.wrap("failed\n".getBytes(StandardCharsets.US_ASCII)));
        }

        @Override
        public void closed() {
        }
    }

    private Path file(int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return Files.write(directory.resolve("file-" + size), data);
    }

    private Server server(Optional<SSLContext> tls, Path file, Duration writeTimeout) throws IOException {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        List<ImapListener> listeners = tls.isPresent() ? List.of(ImapListener.tls(any)) : List.of(ImapListener.plain(any));
        Server server = new Server(listeners, tls, writeTimeout, 4, ConnectionGate.open(),
                wire -> new FileProtocol(wire, file), log::add);
        server.start();
        return server;
    }

    private static byte[] receive(Socket socket, int size) throws IOException {
        socket.setSoTimeout(20_000);
        InputStream in = socket.getInputStream();
        DataInputStream data = new DataInputStream(in);
        byte[] hello = new byte[6];
        data.readFully(hello);
        assertEquals("hello\n", new String(hello, StandardCharsets.US_ASCII));
        socket.getOutputStream().write("send\n".getBytes(StandardCharsets.US_ASCII));
        byte[] body = new byte[size];
        data.readFully(body);
        byte[] end = new byte[4];
        data.readFully(end);
        assertEquals("end\n", new String(end, StandardCharsets.US_ASCII));
        return body;
    }

    @Test
    void aFileRangeCrossesPlainTcpWhole() throws IOException {
        Path file = file(20 << 20);
        Server server = server(Optional.empty(), file, Duration.ofSeconds(10));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port(server))) {
            assertArrayEquals(Files.readAllBytes(file), receive(s, 20 << 20));
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void aFileRangeCrossesTlsWhole() throws Exception {
        TestCertificate certificate = TestCertificate.make(Files.createDirectories(directory.resolve("tls")));
        Path file = file(5 << 20);
        Server server = server(Optional.of(TlsFiles.load(certificate.key(), certificate.certificate())), file,
                Duration.ofSeconds(10));
        try (SSLSocket s = (SSLSocket) certificate.clientContext().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), port(server))) {
            assertArrayEquals(Files.readAllBytes(file), receive(s, 5 << 20));
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void aClientThatReadsNothingIsDroppedAfterTheWriteTimeout() throws IOException {
        Server server = server(Optional.empty(), file(10), Duration.ofMillis(500));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port(server))) {
            s.setReceiveBufferSize(4096);
            assertEquals('h', s.getInputStream().read(), "connected and greeted");
            s.getOutputStream().write("flood\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(TestServer.within(Duration.ofSeconds(10), () -> server.connections() == 0));
            assertTrue(log.stream().anyMatch(l -> l.endsWith(": the client read nothing for 500 ms")), log.toString());
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void anErrorInATaskSaysGoodbyeClosesThatConnectionAndTheServerGoesOn() throws IOException {
        Server server = server(Optional.empty(), file(10), Duration.ofSeconds(10));
        try {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port(server))) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write("boom\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("hello\nfailed\n", new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII),
                        "greeted, told, closed");
            }
            assertEquals(1, log.stream().filter(l -> l.contains("internal error") && l.contains("injected by the test"))
                    .count(), log.toString());
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port(server))) {
                s.setSoTimeout(10_000);
                assertEquals('h', s.getInputStream().read(), "the next client is served");
            }
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }

    private static int port(Server server) throws IOException {
        return ((InetSocketAddress) server.boundAddresses().get(0)).getPort();
    }
}
