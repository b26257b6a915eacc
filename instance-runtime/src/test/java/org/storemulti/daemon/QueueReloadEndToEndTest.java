package org.storemulti.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.config.InstanceConfig;
import org.storemulti.control.ControlClient;
import org.storemulti.daemon.ControlProtocol.Reply;
import org.storemulti.log.LogLines;
import org.storemulti.queue.MutableClock;
import org.storemulti.queue.QueueProbe;
import org.storemulti.queue.QueueState;
import org.storemulti.store.Store;

/**
 * Issue 17 item 7's follow-up: {@code storectl reload} says it applied the queue's and the
 * background services' parameters; each one is in effect afterwards. A real daemon (every
 * service of the standard table, real sockets, store and queue files) runs in this JVM on a
 * clock the test moves, so retry times are checked to the second; main.cf is edited and the
 * daemon told through its control socket, as {@code storectl reload} does.
 */
@Timeout(120)
class QueueReloadEndToEndTest {

    private static final byte[] MESSAGE = ("Subject: reload\r\n\r\n" + "x".repeat(2000) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path root;

    private final LogLines log = new LogLines();
    private final MutableClock clock = new MutableClock(Instant.now());
    private CompletableFuture<Void> running;
    private ControlClient control;
    private InstanceConfig config;

    @AfterEach
    void stopDaemon() throws Exception {
        if (running != null) {
            control.send("stop quick");
            running.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyQueueAndBackgroundParameterAReloadAppliesIsInEffectAfterwards() throws Exception {
        start("queue_poll_interval = 1h", "queue_run_delay = 300s", "maximal_backoff_time = 4000s",
                "maximal_queue_lifetime = 5d", "checkpoint_interval = 1d", "sweep_interval = 1d");
        QueueProbe queue = new QueueProbe(root.resolve("q"), clock);

        reload("queue_poll_interval = 1s");
        String toJoe = queue.inject("s@example.org", List.of("joe@example.com"), MESSAGE);
        awaitLine(l -> l.contains(toJoe + ": to=<joe@example.com>, mailbox=user/joe/INBOX, ")
                && l.contains("status=delivered"), "queue_poll_interval = 1s: mail in maildrop is picked up within seconds");

        reload("queue_run_delay = 60s", "maximal_backoff_time = 90s");
        String toAnn = queue.inject("s@example.org", List.of("ann@example.com"), MESSAGE);
        Instant arrived = clock.instant();
        QueueProbe.Seen first = awaitDeferred(queue, toAnn, 1);
        assertEquals(arrived.plusSeconds(60), first.nextAttempt(), "queue_run_delay = 60s");
        clock.advance(Duration.ofSeconds(60));
        QueueProbe.Seen second = awaitDeferred(queue, toAnn, 2);
        assertEquals(clock.instant().plusSeconds(90), second.nextAttempt(), "min(2 x 60s, maximal_backoff_time = 90s)");

        reload("maximal_queue_lifetime = 100s");
        clock.advance(Duration.ofSeconds(90));
        QueueProbe.Seen expired = await(() -> queue.find(toAnn).filter(l -> l.state() == QueueState.CORRUPT),
                "maximal_queue_lifetime = 100s: given up on the next failed attempt");
        assertTrue(expired.lastError().startsWith("expired after 3 attempts: "),
                expired.toString());

        reload("checkpoint_interval = 1s");
        awaitLine(l -> l.contains("/checkpoint[") && l.contains(": info: checkpoint: "),
                "checkpoint_interval = 1s: the checkpointer runs within seconds");

        reload("sweep_interval = 1s");
        Path orphan = Files.createDirectories(root.resolve("d/messages/0f")).resolve("19cd0000000-2");
        Files.writeString(orphan, "X-Store-Envelope: v=1; date=1; rcpt=example.com:user%2Fjoe%2FINBOX\r\n\r\nlost\r\n");
        Files.setLastModifiedTime(orphan, FileTime.from(clock.instant().minus(Duration.ofHours(1))));
        awaitLine(l -> l.contains("/sweep[") && l.contains(": info: removed orphan-file 0f/19cd0000000-2: "),
                "sweep_interval = 1s: a crash leftover found after the reload is swept within seconds");
    }

    private void start(String... mainCf) throws Exception {
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.writeString(etc.resolve("main.cf"), "queue_directory = " + root.resolve("q") + "\n"
                + "data_directory = " + root.resolve("d") + "\nsyslog_name = store-reload\n"
                + "default_domain = example.com\nquota_full_temporary = yes\n"
                + "lmtp_listen = unix:$queue_directory/private/lmtp\n" + String.join("\n", mainCf) + "\n");
        for (String sub : InstanceLayout.QUEUE_SUBDIRECTORIES) {
            Files.createDirectories(root.resolve("q").resolve(sub));
        }
        try (Store store = Store.open(root.resolve("d"))) {
            store.domains().add("example.com");
            store.mailboxes().addUser("example.com", "joe");
            store.mailboxes().addUser("example.com", "ann");
            store.quotas().setUser("example.com", "ann", 1);
        }
        config = InstanceConfig.load(etc);
        Daemon daemon = new Daemon(config, ServiceTable.STANDARD, log, false, clock);
        running = CompletableFuture.runAsync(() -> {
            try {
                daemon.run();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        control = new ControlClient(InstanceLayout.of(config).controlSocket());
        await(() -> {
            try {
                Reply ready = control.send(ControlProtocol.READY);
                return Optional.of(ready).filter(r -> DaemonStatus.stateIn(r.body()) == DaemonStatus.State.RUNNING);
            } catch (IOException e) {
                return Optional.empty(); // not listening yet
            }
        }, "the daemon starts");
    }

    /** Appends {@code lines} to main.cf and reloads through the control socket; each must be reported as applied. */
    private void reload(String... lines) throws IOException {
        Files.writeString(config.mainCfPath(), String.join("\n", lines) + "\n", StandardOpenOption.APPEND);
        Reply reply = control.send(ControlProtocol.RELOAD);
        assertTrue(reply.ok(), reply.message());
        String summary = String.join(" ", reply.body());
        for (String line : lines) {
            String name = line.substring(0, line.indexOf(' '));
            assertTrue(summary.matches("reloaded: applied: (.* )?" + name + "( .*)?"), name + ": " + summary);
        }
        assertTrue(!summary.contains("needs a restart"), summary);
    }

    private QueueProbe.Seen awaitDeferred(QueueProbe queue, String id, int attempts) throws Exception {
        return await(() -> queue.find(id).filter(l -> l.state() == QueueState.DEFERRED && l.attempts() == attempts),
                id + " deferred after attempt " + attempts);
    }

    private void awaitLine(Predicate<String> line, String what) throws Exception {
        await(() -> log.lines().stream().filter(line).findFirst(), what);
    }

    /** Polls {@code probe} until it finds something, for up to 20 s; fails with {@code what} and the daemon's log. */
    private <T> T await(ThrowingSupplier<Optional<T>> probe, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError(what + ": not within 20 s; daemon log:\n" + String.join("\n", log.lines()));
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
