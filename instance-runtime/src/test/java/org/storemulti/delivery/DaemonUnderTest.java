package org.storemulti.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.storemulti.control.StoreCtl;

/**
 * A throwaway instance under a short {@code /tmp} directory (UNIX socket paths stay far
 * below the 107-byte limit), run by the real daemon that {@code storectl start} launches
 * as a detached JVM. LMTP listens on {@code unix:$queue_directory/private/lmtp} and on
 * {@code inet:127.0.0.1:PORT} with a port that was free a moment ago.
 * {@link #close} aborts the daemon if it still runs and deletes the directory.
 */
final class DaemonUnderTest implements AutoCloseable {

    private final Path root;
    private final int port;

    private DaemonUnderTest(Path root, int port) {
        this.root = root;
        this.port = port;
    }

    /** Writes main.cf and runs {@code storectl set-permissions}; the daemon is not started. */
    static DaemonUnderTest create() throws IOException {
        Path root = Files.createTempDirectory(Path.of("/tmp"), "sm");
        int port = freePort();
        Files.writeString(root.resolve("main.cf"), String.join("\n",
                "queue_directory = " + root.resolve("q"),
                "data_directory = " + root.resolve("d"),
                "lmtp_listen = unix:$queue_directory/private/lmtp, inet:127.0.0.1:" + port,
                "default_domain = example.com",
                ""));
        DaemonUnderTest instance = new DaemonUnderTest(root, port);
        instance.storectl("set-permissions");
        return instance;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return probe.getLocalPort();
        }
    }

    Path configDirectory() {
        return root;
    }

    Path dataDirectory() {
        return root.resolve("d");
    }

    Path unixSocket() {
        return root.resolve("q/private/lmtp");
    }

    int port() {
        return port;
    }

    void start() {
        storectl("start");
    }

    void stop() {
        storectl("stop");
    }

    /** Runs {@code storectl -c ROOT command} in this JVM; fails with its output and the daemon log unless it exits 0. */
    void storectl(String command) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text, true)) {
            int status = StoreCtl.run(root, List.of(command), out, out);
            assertEquals(0, status, () -> "storectl " + command + " failed:\n" + text + "\ndaemon log:\n" + log());
        }
    }

    /** The daemon's pid from {@code queue_directory/pid/master.pid}. */
    long pid() throws IOException {
        return Long.parseLong(Files.readString(root.resolve("q/pid/master.pid"), StandardCharsets.US_ASCII).strip());
    }

    /** SIGKILL to the daemon JVM, then waits until it is gone. */
    void kill() throws Exception {
        ProcessHandle daemon = ProcessHandle.of(pid()).orElseThrow();
        daemon.destroyForcibly();
        daemon.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    String log() {
        try {
            Path log = root.resolve("q/pid/daemon.log");
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            Path pidFile = root.resolve("q/pid/master.pid");
            if (Files.exists(pidFile)) {
                StoreCtl.run(root, List.of("abort"), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
            }
        } finally {
            delete(root);
        }
    }

    static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
