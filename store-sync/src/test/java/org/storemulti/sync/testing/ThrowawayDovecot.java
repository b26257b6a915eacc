package org.storemulti.sync.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Dovecot (dovecot-imapd), started for one test as an IMAP server of its own on a
 * loopback port: its configuration, runtime directory and log under a temporary directory,
 * one user ({@link #USER}, password {@link #PASSWORD}) from a passwd-file, mail as the
 * system's {@code nobody}, {@code mail_location} as the test says. Nothing of the system's
 * Dovecot is touched; {@link #close} stops it. {@link #dump} reads the whole account with
 * Python's imaplib ({@code test-fixtures/dovecot/imap_mail.py}).
 */
public final class ThrowawayDovecot implements AutoCloseable {

    public static final String USER = "joe";
    public static final String PASSWORD = "secret";
    /** The system user Dovecot works as for {@link #USER}: mail it is to read must be that user's. */
    public static final String MAIL_OWNER = "nobody";
    private static final Path SCRIPT = Path.of(System.getProperty("storemulti.checkout", ".."))
            .resolve("test-fixtures/dovecot/imap_mail.py").toAbsolutePath();

    private final Path directory;
    private final Path config;
    private final int port;

    private ThrowawayDovecot(Path directory, int port) {
        this.directory = directory;
        this.config = directory.resolve("dovecot.conf");
        this.port = port;
    }

    /** True if this machine can run one: root, dovecot-imapd and python3. */
    public static boolean available() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/dovecot"))
                && Files.isExecutable(Path.of("/usr/lib/dovecot/imap")) && onPath("python3");
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts Dovecot in {@code directory} (made; it and its parent are opened to Dovecot's
     * unprivileged processes, mode 0755) serving {@code mailLocation} (Dovecot's syntax, as
     * {@code maildir:/path} or {@code mbox:/dir:INBOX=/file}) for {@link #USER}, whose home is
     * {@code home}.
     */
    public static ThrowawayDovecot start(Path directory, String mailLocation, Path home) throws IOException,
            InterruptedException {
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // a free port now; Dovecot binds it a moment later
        }
        ThrowawayDovecot dovecot = new ThrowawayDovecot(directory, port);
        String uid = id("-u");
        String gid = id("-g");
        Files.writeString(directory.resolve("passwd"), USER + ":{PLAIN}" + PASSWORD + ":" + uid + ":" + gid + "::" + home + "::\n");
        Files.setPosixFilePermissions(directory.resolve("passwd"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(dovecot.config, String.join("\n",
                "base_dir = " + directory.resolve("run"),
                "state_dir = " + directory.resolve("state"),
                "log_path = " + directory.resolve("dovecot.log"),
                "protocols = imap",
                "ssl = no",
                "disable_plaintext_auth = no",
                "auth_mechanisms = plain",
                "listen = 127.0.0.1",
                "mail_location = " + mailLocation,
                "passdb {", "  driver = passwd-file", "  args = " + directory.resolve("passwd"), "}",
                "userdb {", "  driver = passwd-file", "  args = " + directory.resolve("passwd"), "}",
                "service imap-login {", "  inet_listener imap {", "    address = 127.0.0.1", "    port = " + port, "  }",
                "  chroot =", "}",
                "service anvil {", "  chroot =", "}", ""));
        // the daemon keeps the standard output it inherits: a file, never a pipe we would wait on
        Process master = new ProcessBuilder("dovecot", "-c", dovecot.config.toString()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("start.out").toFile()).start();
        if (!master.waitFor(60, TimeUnit.SECONDS) || master.exitValue() != 0) {
            throw new IOException("dovecot failed to start: " + Files.readString(directory.resolve("start.out")));
        }
        dovecot.awaitListening(Duration.ofSeconds(30));
        return dovecot;
    }

    /** Gives {@code tree} to {@link #MAIL_OWNER}, as Dovecot must own the mail it serves. */
    public static void giveToMailOwner(Path tree) throws IOException, InterruptedException {
        run("chown", "-R", MAIL_OWNER + ":", tree.toString());
    }

    private static String id(String which) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("id", which, MAIL_OWNER).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private void awaitListening(Duration within) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException("Dovecot did not listen on port " + port + ": " + log(), e);
                }
                Thread.sleep(50); // polling the listener against a deadline
            }
        }
    }

    public int port() {
        return port;
    }

    /** Dovecot's log so far. */
    public String log() throws IOException {
        Path log = directory.resolve("dovecot.log");
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }

    /** The account as imaplib reads it: {@code imap_mail.py dump}'s lines. */
    public List<String> dump() throws IOException, InterruptedException {
        return List.of(python("dump").split("\n"));
    }

    /** Fills the account through imaplib: {@code imap_mail.py fill SEED COUNT}. */
    public void fill(long seed, int count) throws IOException, InterruptedException {
        python("fill", Long.toString(seed), Integer.toString(count));
    }

    private String python(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString(), "127.0.0.1", Integer.toString(port),
                USER, PASSWORD));
        command.addAll(List.of(arguments));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("imap_mail.py " + String.join(" ", arguments) + " failed: " + out + "\nDovecot's log: "
                    + log());
        }
        return out.strip();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    /** Stops Dovecot and waits until its master process is gone (a zombie counts as gone). */
    @Override
    public void close() throws IOException {
        Path pidFile = directory.resolve("run/master.pid");
        long pid = Files.exists(pidFile) ? Long.parseLong(Files.readString(pidFile).strip()) : -1;
        try {
            new ProcessBuilder("dovecot", "-c", config.toString(), "stop").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
            Instant deadline = Instant.now().plusSeconds(30);
            while (pid > 0 && alive(pid) && Instant.now().isBefore(deadline)) {
                Thread.sleep(50); // polling the master's exit against a deadline
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while stopping the test's Dovecot");
        }
    }

    private static boolean alive(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String text = Files.readString(stat);
        return !text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
    }
}
