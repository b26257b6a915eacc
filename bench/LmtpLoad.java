import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * LMTP load generator: N messages of about SIZE bytes to one recipient over C connections,
 * one message per transaction, each counted only when its 250 after DATA arrives.
 * Prints messages/s and p50/p99 latency of the DATA reply.
 *
 * Usage: java bench/LmtpLoad.java unix:/path|inet:host:port RECIPIENT MESSAGES CONNECTIONS [SIZE]
 */
public final class LmtpLoad {

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: java bench/LmtpLoad.java unix:/path|inet:host:port RECIPIENT MESSAGES CONNECTIONS [SIZE]");
            System.exit(2);
        }
        SocketAddress address = address(args[0]);
        String recipient = args[1];
        int messages = Integer.parseInt(args[2]);
        int connections = Integer.parseInt(args[3]);
        int size = args.length > 4 ? Integer.parseInt(args[4]) : 5000;
        byte[] body = body(size);
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[messages];
        AtomicInteger failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            Thread t = new Thread(() -> {
                try {
                    session(address, recipient, body, next, messages, latencies, failures);
                } catch (IOException e) {
                    System.err.println("connection failed: " + e.getMessage());
                    failures.incrementAndGet();
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
        System.out.printf("%s connections=%d messages=%d size=%d: %.0f msgs/s, p50 %.2f ms, p99 %.2f ms, failures %d, %.2f s%n",
                args[0], connections, sorted.length, size, sorted.length / seconds,
                percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6, failures.get(), seconds);
        System.exit(failures.get() == 0 ? 0 : 1);
    }

    /** One connection taking messages until none are left; any unexpected reply ends it as a failure. */
    private static void session(SocketAddress address, String recipient, byte[] body, AtomicInteger next,
            int messages, long[] latencies, AtomicInteger failures) throws IOException {
        try (SocketChannel channel = SocketChannel.open(address)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.US_ASCII));
            OutputStream out = Channels.newOutputStream(channel);
            expect(in, "220");
            send(out, "LHLO load.test\r\n");
            expect(in, "250");
            int i;
            while ((i = next.getAndIncrement()) < messages) {
                long t0 = System.nanoTime();
                send(out, "MAIL FROM:<load@test>\r\nRCPT TO:<" + recipient + ">\r\nDATA\r\n");
                expect(in, "250");
                expect(in, "250");
                expect(in, "354");
                out.write(("Subject: load " + i + "\r\nMessage-ID: <" + i + "." + t0 + "@load.test>\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                send(out, ".\r\n");
                expect(in, "250");
                latencies[i] = System.nanoTime() - t0;
            }
            send(out, "QUIT\r\n");
            expect(in, "221");
        }
    }

    private static boolean expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (!line.startsWith(code)) {
            throw new IOException("expected " + code + ", got: " + line);
        }
        return true;
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static byte[] body(int size) {
        StringBuilder b = new StringBuilder(size + 100);
        String line = "The quick brown fox jumps over the lazy dog, again and again and again.\r\n";
        while (b.length() < size) {
            b.append(line);
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static SocketAddress address(String text) {
        if (text.startsWith("unix:")) {
            return UnixDomainSocketAddress.of(text.substring(5));
        }
        String hostPort = text.substring("inet:".length());
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
