import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Prototype of the IMAP service's I/O models, to choose one by measuring (issue 13):
 * a minimal IMAP-shaped line server (greeting, LOGIN, NOOP, LOGOUT, tagged replies) in two
 * models, and the client that opens N idle authenticated connections and times a normal
 * client beside them. The Netty model is in bench/ImapIoNetty.java (it needs Netty's jars).
 *
 * <pre>
 * java -cp DIR ImapIoModels blocking|nio PORTFILE      server on 127.0.0.1:0; writes its port to PORTFILE
 * java -cp DIR ImapIoModels client PORT IDLE SESSIONS [USER PASSWORD]
 *                                                     opens IDLE idle connections, then times SESSIONS
 *                                                     (a real server needs a real USER and PASSWORD)
 * </pre>
 *
 * blocking: one thread per connection (-Xss256k in the bench), buffered streams of 1 KiB each
 * (8 KiB, as the LMTP service has, runs a 64 MiB heap out of memory before 5,000). nio: one selector thread; a command line is handed to a small
 * worker pool (the real service runs blocking SQLite work there); an idle connection holds
 * no buffer, only its channel, key and a small state object.
 */
public final class ImapIoModels {

    private static final long MAIN = System.nanoTime();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "blocking" -> blocking(Path.of(args[1]));
            case "nio" -> nio(Path.of(args[1]));
            case "client" -> client(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    args.length > 5 ? args[4] + " " + args[5] : null);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void ready(Path portFile, int port) throws IOException {
        ready(portFile, port, MAIN);
    }

    /** Writes "PORT MS" (MS: milliseconds since {@code main}) to the port file, atomically. */
    static void ready(Path portFile, int port, long main) throws IOException {
        Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(tmp, port + " " + (System.nanoTime() - main) / 1_000_000 + "\n");
        Files.move(tmp, portFile);
    }

    /** The reply to one command line; null to close after writing {@code bye}. */
    static String reply(String line) {
        String[] words = line.split(" ", 3);
        String tag = words[0];
        String verb = words.length > 1 ? words[1].toUpperCase() : "";
        return switch (verb) {
            case "LOGIN" -> tag + " OK LOGIN completed\r\n";
            case "NOOP" -> tag + " OK NOOP completed\r\n";
            case "LOGOUT" -> "* BYE logging out\r\n" + tag + " OK LOGOUT completed\r\n";
            default -> tag + " BAD unknown command\r\n";
        };
    }

    // ---- blocking: a thread per connection ----

    /** 8192 as in the LMTP service runs out of a 64 MiB heap before 5,000 connections; -Dbuffer=N. */
    static final int BLOCKING_BUFFER = Integer.getInteger("buffer", 1024);

    static void blocking(Path portFile) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1024);
        ready(portFile, server.getLocalPort());
        while (true) {
            Socket socket = server.accept();
            socket.setTcpNoDelay(true);
            Thread t = new Thread(() -> serveBlocking(socket), "session");
            t.setDaemon(true);
            t.start();
        }
    }

    static void serveBlocking(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream(), BLOCKING_BUFFER);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), BLOCKING_BUFFER);
            out.write("* OK ready\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                if (b != '\n') {
                    line.append((char) b);
                    continue;
                }
                String reply = reply(line.toString().strip());
                line.setLength(0);
                out.write(reply.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (reply.startsWith("* BYE")) {
                    return;
                }
            }
        } catch (IOException e) {
            // client gone
        }
    }

    // ---- nio: one selector thread, commands on a worker pool ----

    static final class Conn {
        final SocketChannel channel;
        SelectionKey key;
        byte[] partial;   // only while a line is incomplete

        Conn(SocketChannel channel) {
            this.channel = channel;
        }
    }

    static void nio(Path portFile) throws IOException {
        Selector selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        ThreadPoolExecutor workers = new ThreadPoolExecutor(0, 16, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "worker");
                    t.setDaemon(true);
                    return t;
                });
        ConcurrentLinkedQueue<Conn> rearm = new ConcurrentLinkedQueue<>();
        ByteBuffer buffer = ByteBuffer.allocateDirect(16384);
        ready(portFile, ((InetSocketAddress) server.getLocalAddress()).getPort());
        while (true) {
            selector.select();
            for (Conn c; (c = rearm.poll()) != null;) {
                if (c.key.isValid()) {
                    c.key.interestOps(SelectionKey.OP_READ);
                }
            }
            for (SelectionKey key : selector.selectedKeys()) {
                if (!key.isValid()) {
                    continue;
                }
                if (key.isAcceptable()) {
                    SocketChannel channel = server.accept();
                    if (channel == null) {
                        continue;
                    }
                    channel.configureBlocking(false);
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    Conn c = new Conn(channel);
                    c.key = channel.register(selector, SelectionKey.OP_READ, c);
                    writeFully(channel, "* OK ready\r\n");
                } else if (key.isReadable()) {
                    Conn c = (Conn) key.attachment();
                    buffer.clear();
                    int n;
                    try {
                        n = c.channel.read(buffer);
                    } catch (IOException e) {
                        n = -1;
                    }
                    if (n < 0) {
                        key.cancel();
                        c.channel.close();
                        continue;
                    }
                    buffer.flip();
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    if (c.partial != null) {
                        byte[] joined = Arrays.copyOf(c.partial, c.partial.length + bytes.length);
                        System.arraycopy(bytes, 0, joined, c.partial.length, bytes.length);
                        bytes = joined;
                        c.partial = null;
                    }
                    int lf = lastIndexOf(bytes, (byte) '\n');
                    if (lf < 0) {
                        c.partial = bytes;
                        continue;
                    }
                    if (lf < bytes.length - 1) {
                        c.partial = Arrays.copyOfRange(bytes, lf + 1, bytes.length);
                    }
                    String lines = new String(bytes, 0, lf + 1, StandardCharsets.US_ASCII);
                    key.interestOps(0);
                    workers.execute(() -> {
                        try {
                            StringBuilder out = new StringBuilder();
                            for (String line : lines.split("\n")) {
                                out.append(reply(line.strip()));
                            }
                            writeFully(c.channel, out.toString());
                            if (out.indexOf("* BYE") >= 0) {
                                c.channel.close();
                                return;
                            }
                        } catch (IOException e) {
                            try {
                                c.channel.close();
                            } catch (IOException ignored) {
                                // closing anyway
                            }
                            return;
                        }
                        rearm.add(c);
                        selector.wakeup();
                    });
                }
            }
            selector.selectedKeys().clear();
        }
    }

    static int lastIndexOf(byte[] bytes, byte b) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    static void writeFully(SocketChannel channel, String text) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                Thread.onSpinWait(); // replies here are tiny; the socket buffer never fills
            }
        }
    }

    // ---- the client ----

    static void client(int port, int idle, int sessions, String credentials) throws Exception {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        List<SocketChannel> open = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < idle; i++) {
            SocketChannel c = SocketChannel.open(address);
            readReply(c, "*");
            send(c, "a LOGIN " + (credentials != null ? credentials : "user" + i + " secret") + "\r\n");
            requireOk(readReply(c, "a "));
            open.add(c);
        }
        System.out.printf("opened %d authenticated idle connections in %d ms%n", open.size(),
                (System.nanoTime() - t0) / 1_000_000);
        System.out.println("idle");   // the script reads the server's RSS now
        System.out.flush();
        if (System.in.read() < 0) {
            return;
        }
        long[] whole = new long[sessions];
        long[] noop = new long[sessions];
        for (int i = 0; i < sessions; i++) {
            long s = System.nanoTime();
            try (SocketChannel c = SocketChannel.open(address)) {
                c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                readReply(c, "*");
                send(c, "a LOGIN " + (credentials != null ? credentials : "normal secret") + "\r\n");
                requireOk(readReply(c, "a "));
                long n = System.nanoTime();
                send(c, "b NOOP\r\n");
                readReply(c, "b ");
                noop[i] = System.nanoTime() - n;
                send(c, "c LOGOUT\r\n");
                readReply(c, "c ");
            }
            whole[i] = System.nanoTime() - s;
        }
        System.out.printf("normal session (connect, greeting, LOGIN, NOOP, LOGOUT): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                percentile(whole, 50), percentile(whole, 99), percentile(whole, 100));
        System.out.printf("NOOP round trip after each LOGIN: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                percentile(noop, 50), percentile(noop, 99), percentile(noop, 100));
        long[] steady = new long[sessions * 5];
        try (SocketChannel c = SocketChannel.open(address)) {
            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
            readReply(c, "*");
            send(c, "a LOGIN " + (credentials != null ? credentials : "normal secret") + "\r\n");
            requireOk(readReply(c, "a "));
            for (int i = 0; i < steady.length; i++) {
                long n = System.nanoTime();
                send(c, "n NOOP\r\n");
                readReply(c, "n ");
                steady[i] = System.nanoTime() - n;
            }
        }
        System.out.printf("NOOP round trip on one logged-in connection: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                percentile(steady, 50), percentile(steady, 99), percentile(steady, 100));
        int alive = 0;
        for (SocketChannel c : open) {
            send(c, "z NOOP\r\n");
            readReply(c, "z ");
            alive++;
            c.close();
        }
        System.out.printf("all %d idle connections still answered NOOP%n", alive);
    }

    static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    static void send(SocketChannel c, String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    static void requireOk(String tagged) throws IOException {
        if (!tagged.substring(tagged.indexOf(' ') + 1).startsWith("OK")) {
            throw new IOException("the server said: " + tagged);
        }
    }

    /** Reads lines until one starts with {@code prefix}; that line. */
    static String readReply(SocketChannel c, String prefix) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        StringBuilder line = new StringBuilder();
        while (true) {
            one.clear();
            if (c.read(one) < 0) {
                throw new IOException("server closed the connection");
            }
            char ch = (char) one.get(0);
            if (ch != '\n') {
                line.append(ch);
                continue;
            }
            if (line.toString().startsWith(prefix)) {
                return line.toString().strip();
            }
            line.setLength(0);
        }
    }
}
