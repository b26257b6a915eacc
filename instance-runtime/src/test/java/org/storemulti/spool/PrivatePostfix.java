package org.storemulti.spool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Postfix, started for one test class as an instance of its own: its own
 * configuration, queue and log under a temporary directory, no network listener, local(8)
 * delivering into a spool directory of its own (root:mail, mode 2775, as Debian's /var/mail)
 * for users made for the run and removed after. Nothing of the system's Postfix is touched.
 */
final class PrivatePostfix implements AutoCloseable {

    private static final String MASTER_CF = String.join("\n",
            "pickup    unix  n       -       n       60      1       pickup",
            "cleanup   unix  n       -       n       -       0       cleanup",
            "qmgr      unix  n       -       n       300     1       qmgr",
            "rewrite   unix  -       -       n       -       -       trivial-rewrite",
            "bounce    unix  -       -       n       -       0       bounce",
            "defer     unix  -       -       n       -       0       bounce",
            "trace     unix  -       -       n       -       0       bounce",
            "verify    unix  -       -       n       -       1       verify",
            "flush     unix  n       -       n       1000?   0       flush",
            "proxymap  unix  -       -       n       -       -       proxymap",
            "showq     unix  n       -       n       -       -       showq",
            "error     unix  -       -       n       -       -       error",
            "retry     unix  -       -       n       -       -       error",
            "discard   unix  -       -       n       -       -       discard",
            "local     unix  -       n       n       -       -       local",
            "postlog   unix-dgram n  -       n       -       1       postlogd", "");

    final Path root;
    final Path config;
    final Path spool;
    final Path maillog;
    private final List<String> users = new ArrayList<>();

    private PrivatePostfix(Path root) {
        this.root = root;
        this.config = root.resolve("etc");
        this.spool = root.resolve("mail");
        this.maillog = root.resolve("maillog");
    }

    /** True if this machine can run it: root, Debian's postfix package, useradd. */
    static boolean available() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/postfix"))
                && Files.isExecutable(Path.of("/usr/sbin/sendmail")) && Files.isExecutable(Path.of("/usr/sbin/useradd"));
    }

    /**
     * Starts an instance under {@code root} with {@code userCount} users. {@code root} and its
     * parent (a test's temporary directory, mode 0700) are opened to Postfix's users.
     */
    static PrivatePostfix start(Path root, int userCount) throws IOException, InterruptedException {
        Files.setPosixFilePermissions(root.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        PrivatePostfix postfix = new PrivatePostfix(root);
        try {
            postfix.configure();
            for (int i = 0; i < userCount; i++) {
                postfix.addUser();
            }
            try {
                run("postfix", "-c", postfix.config.toString(), "start");
            } catch (IOException e) {
                throw new IOException(e.getMessage() + (Files.exists(postfix.maillog)
                        ? Files.readString(postfix.maillog) : ""), e);
            }
            return postfix;
        } catch (IOException | InterruptedException | RuntimeException e) {
            postfix.close();
            throw e;
        }
    }

    private void configure() throws IOException, InterruptedException {
        Files.createDirectories(config);
        Files.createDirectories(root.resolve("data"));
        Files.createDirectories(root.resolve("queue"));
        Files.createDirectories(spool);
        run("chown", "postfix", root.resolve("data").toString());
        run("chown", "root:mail", spool.toString());
        run("chmod", "2775", spool.toString());
        Files.writeString(config.resolve("master.cf"), MASTER_CF);
        Files.writeString(config.resolve("main.cf"), String.join("\n",
                "compatibility_level = 3.6",
                "queue_directory = " + root.resolve("queue"),
                "data_directory = " + root.resolve("data"),
                "myhostname = localhost", "mydomain = localdomain", "myorigin = localhost", "mydestination = localhost",
                "inet_interfaces = loopback-only", "inet_protocols = ipv4",
                "alias_maps =", "alias_database =", "local_recipient_maps = unix:passwd.byname",
                "mail_spool_directory = " + spool, "home_mailbox =", "mailbox_command =", "biff = no",
                "default_transport = error", "relay_transport = error", "smtputf8_enable = no",
                "maillog_file = " + maillog, "maillog_file_prefixes = " + root, ""));
    }

    /** A user for this run only (removed on close); its name. */
    String addUser() throws IOException, InterruptedException {
        String name = "smbox" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36);
        run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "--user-group", name);
        users.add(name);
        return name;
    }

    List<String> users() {
        return List.copyOf(users);
    }

    Path mailbox(String user) {
        return spool.resolve(user);
    }

    /** Queues one message through sendmail(1), as a local program would. */
    void send(String recipient, String message) throws IOException, InterruptedException {
        Process sendmail = new ProcessBuilder("/usr/sbin/sendmail", "-C", config.toString(), "-i",
                "-f", "tester@example.org", recipient).redirectErrorStream(true).start();
        sendmail.getOutputStream().write(message.getBytes(StandardCharsets.ISO_8859_1));
        sendmail.getOutputStream().close();
        String out = new String(sendmail.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!sendmail.waitFor(60, TimeUnit.SECONDS) || sendmail.exitValue() != 0) {
            throw new IOException("sendmail failed: " + out);
        }
    }

    /** The log lines of local(8)'s deliveries with their status ({@code sent}, {@code deferred}, ...). */
    List<String> deliveries() throws IOException {
        if (!Files.exists(maillog)) {
            return List.of();
        }
        return Files.readAllLines(maillog, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("postfix/local[") && l.contains(" status=")).toList();
    }

    long delivered() throws IOException {
        return deliveries().stream().filter(l -> l.contains(" status=sent ")).count();
    }

    /** Deliveries that did not go through at once. */
    List<String> notSent() throws IOException {
        return deliveries().stream().filter(l -> !l.contains(" status=sent ")).toList();
    }

    /**
     * How long local(8) spent on each delivery logged after the first {@code skip} (the last of
     * Postfix's four delays, in seconds): a second or more means it waited for a lock.
     */
    List<Double> deliveryTimes(long skip) throws IOException {
        Pattern delays = Pattern.compile("delays=[0-9.]+/[0-9.]+/[0-9.]+/([0-9.]+)");
        List<Double> times = new ArrayList<>();
        for (String line : deliveries().stream().skip(skip).toList()) {
            Matcher m = delays.matcher(line);
            if (m.find()) {
                times.add(Double.parseDouble(m.group(1)));
            }
        }
        return times;
    }

    /** Waits until {@code count} deliveries are logged as sent. */
    void awaitDelivered(long count, Duration within) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (delivered() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("only " + delivered() + " of " + count + " delivered; not sent: " + notSent());
            }
            Thread.sleep(50); // polling Postfix's log against a deadline
        }
    }

    /** {@code postqueue -p}: "Mail queue is empty" when nothing waits. */
    String queue() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("postqueue", "-c", config.toString(), "-p").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out.strip();
    }

    /** bash's new-mail test {@code [ -N FILE ]}: 0 if modified since last read. */
    static int newMailTest(Path file) throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("bash", "-c", "[ -N \"$0\" ]", file.toString()).start();
        bash.waitFor(60, TimeUnit.SECONDS);
        return bash.exitValue();
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    /** Stops Postfix and removes the run's users. */
    @Override
    public void close() throws IOException {
        try {
            stopAndRemoveUsers();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while stopping the test's Postfix");
        }
    }

    private void stopAndRemoveUsers() throws IOException, InterruptedException {
        Path pidFile = root.resolve("queue/pid/master.pid");
        if (Files.exists(pidFile)) {
            new ProcessBuilder("postfix", "-c", config.toString(), "stop").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            Instant deadline = Instant.now().plusSeconds(30);
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && Instant.now().isBefore(deadline)) {
                Thread.sleep(50); // polling the master's exit against a deadline
            }
        }
        for (String user : users) {
            new ProcessBuilder("userdel", user).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(60, TimeUnit.SECONDS);
        }
    }
}
