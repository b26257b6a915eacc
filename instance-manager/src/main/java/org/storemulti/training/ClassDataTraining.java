package org.storemulti.training;

import java.io.IOException;
import java.net.ConnectException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.storemulti.admin.StoreAdm;
import org.storemulti.cli.CommandRunner;
import org.storemulti.cli.StoreConf;
import org.storemulti.config.InstanceConfig;
import org.storemulti.control.ControlClient;
import org.storemulti.control.StoreCtl;
import org.storemulti.daemon.ControlProtocol;
import org.storemulti.daemon.Daemon;
import org.storemulti.daemon.DaemonMain;
import org.storemulti.daemon.InstanceLayout;
import org.storemulti.lmtp.Endpoint;
import org.storemulti.log.LibraryLogs;
import org.storemulti.log.LogFile;
import org.storemulti.log.LogSink;
import org.storemulti.manager.StoreMulti;
import org.storemulti.daemon.ServiceTable;
import org.storemulti.store.Store;

/**
 * The workloads the build runs with {@code -XX:ArchiveClassesAtExit} to make the class data
 * archives. Without arguments: {@code storemulti.jsa}, which the launchers share, from every
 * command's start-up path and a daemon that delivers one message over LMTP and serves one
 * IMAP session that reads it (over a UNIX socket: no port to collide with). With
 * {@code daemon}: {@code storemulti-daemon.jsa}, from the daemon alone, which detached
 * daemons map instead: two thirds the size, so each daemon relocates less, keeps about
 * 2.7 MiB less private memory and starts a little faster. Sharing an archive cuts a daemon's
 * start-up CPU by about a third, which is what parallel starts on a small machine are bound by.
 */
public final class ClassDataTraining {

    private static final PrintStream DIAGNOSTICS = System.err;

    private ClassDataTraining() {
    }

    public static void main(String[] args) throws Exception {
        boolean daemonOnly = List.of(args).equals(List.of("daemon"));
        watchdog();
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "smcds");
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(quiet);
        System.setErr(quiet);
        Exception failure = null;
        try {
            if (daemonOnly) {
                trainDaemon(dir);
            } else {
                train(dir);
            }
        } catch (Exception e) {
            failure = e;
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (failure != null) {
            // the in-process daemon's threads would keep the JVM alive until the watchdog
            DIAGNOSTICS.println("class data training: stopped early (" + failure + "); the archive holds what ran");
        }
        // the archive is written at exit; service threads left by the in-process daemon must not hold it up
        System.exit(0);
    }

    /** A build must never hang on training: after two minutes, give up without an archive. */
    private static void watchdog() {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(120_000);
                System.err.println("class data training: no end after 120 s; building without the archive");
                Runtime.getRuntime().halt(0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "training-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void train(Path dir) throws Exception {
        Path etc = instance(dir);
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
        CommandRunner.run("storeconf", new StoreConf(), "-c", etc.toString(), "-xn");
        StoreCtl.run(etc, List.of("set-permissions"), sink, sink);
        StoreCtl.run(etc, List.of("check"), sink, sink);
        StoreAdm.commandLine().execute("domain", "--help");
        addUser(dir);
        List<String> log = new CopyOnWriteArrayList<>();
        Thread running = start(etc, log, LogSink.stderr(System.getenv())); // as start-fg
        Path lmtp = awaitSocket(lmtpSocket(etc));
        StoreCtl.run(etc, List.of("status"), sink, sink);
        deliver(lmtp, log);
        read(awaitSocket(imapSocket(etc)), log);
        StoreCtl.run(etc, List.of("who"), sink, sink);
        StoreMulti.run(new StoreMulti(), sink, sink, "-c", etc.toString(), "-l");
        StoreCtl.run(etc, List.of("stop"), sink, sink);
        running.join(10_000);
        try (Store store = Store.open(dir.resolve("d"))) {
            store.tools().verify(false);
        }
    }

    /** What a detached daemon loads: no command-line classes; storectl's side is only its control client. */
    private static void trainDaemon(Path dir) throws Exception {
        Class.forName(DaemonMain.class.getName()); // the entry point, whose main would exit the JVM
        Path etc = instance(dir);
        InstanceLayout layout = InstanceLayout.of(InstanceConfig.load(etc));
        for (Path directory : layout.requiredDirectories()) {
            Files.createDirectories(directory);
        }
        addUser(dir);
        List<String> log = new CopyOnWriteArrayList<>();
        InstanceConfig config = InstanceConfig.load(etc);
        Thread running = start(etc, log, LogFile.open(config.path("daemon_log_file"), Clock.systemDefaultZone()));
        ControlClient control = new ControlClient(awaitSocket(layout.controlSocket()));
        awaitListening(() -> control.send(ControlProtocol.READY));
        deliver(awaitSocket(lmtpSocket(etc)), log);
        read(awaitSocket(imapSocket(etc)), log);
        control.send(ControlProtocol.WHO);
        control.send(ControlProtocol.STATUS);
        control.send(ControlProtocol.STOP);
        running.join(10_000);
    }

    private static Path instance(Path dir) throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("main.cf"), "queue_directory = " + dir.resolve("q") + "\n"
                + "data_directory = " + dir.resolve("d") + "\ndefault_domain = example.com\n"
                + "imap_listen = unix:$queue_directory/private/imap\n");
        return etc;
    }

    /** The LMTP socket the instance's lmtp_listen names (its default: unix:$queue_directory/private/lmtp). */
    private static Path lmtpSocket(Path etc) {
        InstanceConfig config = InstanceConfig.load(etc);
        return Endpoint.parseAll("lmtp_listen", config.get("lmtp_listen")).stream()
                .map(Endpoint::address).filter(UnixDomainSocketAddress.class::isInstance)
                .map(a -> ((UnixDomainSocketAddress) a).getPath()).findFirst().orElseThrow();
    }

    /** The IMAP socket the training instance's imap_listen names. */
    private static Path imapSocket(Path etc) {
        return ((UnixDomainSocketAddress) Endpoint.parse("imap_listen", InstanceConfig.load(etc).get("imap_listen"))
                .address()).getPath();
    }

    private static void addUser(Path dir) {
        try (Store store = Store.open(dir.resolve("d"))) {
            store.domains().add("example.com");
            store.mailboxes().addUser("example.com", "joe");
            store.authAccounts().add("joe@example.com", "training");
        }
    }

    /** The daemon in this JVM, its lines to {@code sink} (what DaemonMain or start-fg use) and to {@code log}. */
    private static Thread start(Path etc, List<String> log, LogSink sink) {
        Daemon daemon = new Daemon(InstanceConfig.load(etc), ServiceTable.STANDARD, (level, line) -> {
            log.add(line);
            sink.line(level, line);
        }, false, Clock.systemUTC());
        LibraryLogs.routeTo(daemon.log());
        Thread running = new Thread(() -> {
            try {
                daemon.run();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        running.start();
        return running;
    }

    private static Path awaitSocket(Path socket) throws InterruptedException {
        for (int i = 0; i < 200 && !Files.exists(socket); i++) {
            Thread.sleep(50);
        }
        return socket;
    }

    /**
     * Runs {@code request} until the socket it connects to listens: the socket file appears
     * at bind, a moment before listen, and a connection in between is refused.
     */
    private static void awaitListening(SocketRequest request) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                request.run();
                return;
            } catch (ConnectException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private interface SocketRequest {
        void run() throws IOException;
    }

    private static void deliver(Path socket, List<String> log) {
        try {
            awaitListening(() -> deliver(socket));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            DIAGNOSTICS.println("class data training: no LMTP delivery (" + e.getMessage() + "); daemon log: " + log);
        }
    }

    /** One IMAP session that logs in and reads the delivered message, as a mail client would. */
    private static void read(Path socket, List<String> log) {
        try {
            awaitListening(() -> read(socket));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            DIAGNOSTICS.println("class data training: no IMAP session (" + e.getMessage() + "); daemon log: " + log);
        }
    }

    private static void read(Path socket) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            OutputStream out = Channels.newOutputStream(channel);
            out.write(("a CAPABILITY\r\nb LOGIN joe@example.com training\r\nc NAMESPACE\r\nd LIST \"\" \"*\"\r\n"
                    + "e STATUS INBOX (MESSAGES UNSEEN UIDNEXT)\r\nf SELECT INBOX\r\n"
                    + "g FETCH 1:* (FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE BODY.PEEK[])\r\n"
                    + "h LOGOUT\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Channels.newInputStream(channel).readAllBytes();
        }
    }

    private static void deliver(Path socket) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            OutputStream out = Channels.newOutputStream(channel);
            out.write(("LHLO cds\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<joe@example.com>\r\nDATA\r\n"
                    + "Subject: training\r\n\r\nhello\r\n.\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Channels.newInputStream(channel).readAllBytes();
        }
    }
}
