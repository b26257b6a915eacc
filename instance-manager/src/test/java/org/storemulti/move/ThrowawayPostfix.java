package org.storemulti.move;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Postfix as an instance of its own under a test's directory (its own configuration,
 * queue and log; no listener): relays example.org by the transport map storemulti writes, over
 * LMTP into the store instances, and retries deferred mail within seconds. Its lmtp client runs
 * as root (master.cf's unpriv column), as the instances' private/ directories are root's here.
 */
final class ThrowawayPostfix implements AutoCloseable {

    private static final String MASTER_CF = String.join("\n",
            "pickup    unix  n       -       n       60      1       pickup",
            "cleanup   unix  n       -       n       -       0       cleanup",
            "qmgr      unix  n       -       n       300     1       qmgr",
            "rewrite   unix  -       -       n       -       -       trivial-rewrite",
            "bounce    unix  -       -       n       -       0       bounce",
            "defer     unix  -       -       n       -       0       bounce",
            "trace     unix  -       -       n       -       0       bounce",
            "flush     unix  n       -       n       1000?   0       flush",
            "showq     unix  n       -       n       -       -       showq",
            "error     unix  -       -       n       -       -       error",
            "retry     unix  -       -       n       -       -       error",
            "lmtp      unix  -       n       n       -       -       lmtp",
            "postlog   unix-dgram n  -       n       -       1       postlogd", "");

    final Path config;
    final Path maillog;

    private ThrowawayPostfix(Path root) {
        this.config = root.resolve("etc");
        this.maillog = root.resolve("maillog");
    }

    static boolean available() {
        return "root".equals(System.getProperty("user.name"))
                && List.of("postfix", "postmap", "sendmail", "postqueue").stream()
                        .allMatch(p -> Files.isExecutable(Path.of("/usr/sbin", p)));
    }

    /** Starts one under {@code root} (made here) routing by {@code transportMap}. */
    static ThrowawayPostfix start(Path root, Path transportMap) throws IOException, InterruptedException {
        ThrowawayPostfix postfix = new ThrowawayPostfix(root);
        Files.createDirectories(postfix.config);
        Files.createDirectories(root.resolve("queue"));
        Files.createDirectories(root.resolve("data"));
        run("chown", "postfix", root.resolve("data").toString());
        for (Path open = root; open != null && !open.equals(Path.of("/tmp")) && !open.equals(Path.of("/")); open = open.getParent()) {
            run("chmod", "go+rx", open.toString()); // postfix's own processes reach their queue through these
        }
        Files.writeString(postfix.config.resolve("master.cf"), MASTER_CF);
        Files.writeString(postfix.config.resolve("main.cf"), String.join("\n",
                "compatibility_level = 3.6",
                "queue_directory = " + root.resolve("queue"),
                "data_directory = " + root.resolve("data"),
                "myhostname = localhost", "mydomain = localdomain", "myorigin = localhost", "mydestination =",
                "inet_interfaces = loopback-only", "inet_protocols = ipv4", "alias_maps =", "alias_database =",
                "relay_domains = " + TwoInstances.DOMAIN, "transport_maps = hash:" + transportMap,
                "default_transport = error", "relay_transport = error", "local_transport = error",
                "smtputf8_enable = no", "minimal_backoff_time = 1s", "maximal_backoff_time = 2s",
                "queue_run_delay = 1s", "maillog_file = " + postfix.maillog, "maillog_file_prefixes = " + root, ""));
        run("postmap", "-c", postfix.config.toString(), transportMap.toString());
        run("postfix", "-c", postfix.config.toString(), "start");
        return postfix;
    }

    /** Queues one message through sendmail(1). */
    void send(String recipient, byte[] message) throws IOException, InterruptedException {
        Process sendmail = new ProcessBuilder("/usr/sbin/sendmail", "-C", config.toString(), "-i",
                "-f", "tester@example.net", recipient).redirectErrorStream(true).start();
        sendmail.getOutputStream().write(message);
        sendmail.getOutputStream().close();
        String out = new String(sendmail.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!sendmail.waitFor(60, TimeUnit.SECONDS) || sendmail.exitValue() != 0) {
            throw new IOException("sendmail failed: " + out);
        }
    }

    /** lmtp(8)'s delivery log lines. */
    List<String> deliveries() throws IOException {
        if (!Files.exists(maillog)) {
            return List.of();
        }
        return Files.readAllLines(maillog).stream().filter(l -> l.contains("postfix/lmtp[") && l.contains(" status="))
                .toList();
    }

    /** The maillog's lines about queue id {@code id}, for a failure's message. */
    List<String> logOf(String id) throws IOException {
        return id.isEmpty() ? List.of() : Files.readAllLines(maillog).stream().filter(l -> l.contains(id)).toList();
    }

    /** {@code postqueue -p}'s last line: "Mail queue is empty" when nothing waits. */
    String queue() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/sbin/postqueue", "-c", config.toString(), "-p").redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out.strip();
    }

    /**
     * {@code postqueue -f}: every queued message tried again now, by today's routes, as an
     * operator does after a routing change (Postfix otherwise keeps a deferred message's
     * back-off and may hold it on the old route's queue for minutes).
     */
    void flush() throws IOException, InterruptedException {
        run("/usr/sbin/postqueue", "-c", config.toString(), "-f");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("/usr/sbin/postfix", "-c", config.toString(), "stop").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
    }
}
