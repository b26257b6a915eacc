package org.storemulti.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.config.InstanceConfig;
import org.storemulti.control.ControlClient;
import org.storemulti.daemon.ControlProtocol.Reply;
import org.storemulti.testing.ThreadWaits;

/** A daemon in this JVM with an extra, faulty service in its table. */
class SupervisorTest {

    @TempDir
    Path root;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    /** Fails its first two starts, then runs until it reports a failure of its own. */
    static final class Flaky implements Service {
        static final AtomicInteger STARTS = new AtomicInteger();
        static volatile ServiceContext running;
        private final ServiceContext context;

        Flaky(ServiceContext context) {
            this.context = context;
        }

        @Override
        public void start() {
            if (STARTS.incrementAndGet() <= 2) {
                throw new IllegalStateException("flaky start " + STARTS.get());
            }
            running = context;
        }

        @Override
        public void stop(StopMode mode) {
        }
    }

    @Test
    void aServiceThatThrowsIsRestartedWhileControlKeepsAnswering() throws Exception {
        InstanceConfig config = instance();
        List<ServiceSpec> table = new ArrayList<>(ServiceTable.STANDARD);
        table.add(new ServiceSpec("flaky", Flaky::new));
        Daemon daemon = new Daemon(config, table, (level, line) -> log.add(line), true, Clock.systemUTC());
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> runQuietly(daemon));
        ControlClient client = new ControlClient(InstanceLayout.of(config).controlSocket());

        awaitStatusLine(client, "flaky +running .* 2  flaky start 2");
        Flaky.running.failed(new IllegalStateException("lost its socket"));
        awaitStatusLine(client, "flaky +running .* 3  lost its socket");

        assertTrue(log.stream().anyMatch(l -> l.matches("store-sup/daemon\\[\\d+\\]: error: service flaky failed: "
                + "flaky start 1; restarting in \\d+ ms")), String.join("\n", log));
        assertTrue(client.send("stop quick").ok());
        running.get(10, TimeUnit.SECONDS);
        assertTrue(Files.notExists(InstanceLayout.of(config).pidFile()));
    }

    /** Starts only when the test opens the gate, as a service with real work takes a while. */
    static final class Gated implements Service {
        static final CountDownLatch GATE = new CountDownLatch(1);

        Gated(ServiceContext context) {
        }

        @Override
        public void start() throws InterruptedException {
            GATE.await();
        }

        @Override
        public void stop(StopMode mode) {
        }
    }

    @Test
    void readyIsAnsweredOnlyOnceEveryServiceHasStarted() throws Exception {
        InstanceConfig config = instance();
        List<ServiceSpec> table = new ArrayList<>(ServiceTable.STANDARD);
        table.add(new ServiceSpec("gated", Gated::new));
        Daemon daemon = new Daemon(config, table, (level, line) -> log.add(line), false, Clock.systemUTC());
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> runQuietly(daemon));
        ControlClient client = new ControlClient(InstanceLayout.of(config).controlSocket());
        awaitStatusLine(client, "gated +starting .*");

        CompletableFuture<Reply> ready = CompletableFuture.supplyAsync(() -> {
            try {
                return client.send("ready");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        ThreadWaits.awaitThreadWaitingIn(Daemon.class.getName() + ".awaitRunning");
        assertFalse(ready.isDone(), "ready was answered while a service was still starting");
        assertEquals(DaemonStatus.State.STARTING, DaemonStatus.stateIn(client.send("status").body()));
        Gated.GATE.countDown();
        assertEquals(DaemonStatus.State.RUNNING, DaemonStatus.stateIn(ready.get(10, TimeUnit.SECONDS).body()));

        assertTrue(client.send("stop").ok());
        running.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aBadMainCfOnReloadIsRefusedWithFileAndLineAndTheOldConfigurationStays() throws Exception {
        InstanceConfig config = instance();
        Daemon daemon = new Daemon(config, ServiceTable.STANDARD, (level, line) -> log.add(line), false, Clock.systemUTC());
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> runQuietly(daemon));
        ControlClient client = new ControlClient(InstanceLayout.of(config).controlSocket());
        awaitStatusLine(client, "control +running .*");

        Files.writeString(config.mainCfPath(), "lmtp_timeout = soon\n", java.nio.file.StandardOpenOption.APPEND);
        Reply reply = client.send("reload");
        assertEquals(config.mainCfPath() + ":5: lmtp_timeout = soon: expected a time such as 300s or 5m;"
                + " keeping the running configuration", reply.message());
        assertTrue(client.send("stop").ok());
        running.get(10, TimeUnit.SECONDS);
    }

    private InstanceConfig instance() throws IOException {
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.writeString(etc.resolve("main.cf"), "queue_directory = " + root.resolve("q") + "\n"
                + "data_directory = " + root.resolve("d") + "\n"
                + "syslog_name = store-sup\n"
                + "daemon_restart_delay = 0s\n");
        for (String sub : InstanceLayout.QUEUE_SUBDIRECTORIES) {
            Files.createDirectories(root.resolve("q").resolve(sub));
        }
        Files.createDirectories(root.resolve("d"));
        return InstanceConfig.load(etc);
    }

    private static void runQuietly(Daemon daemon) {
        try {
            daemon.run();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls status until a line matches; every poll must be answered once the socket is up. */
    private static void awaitStatusLine(ControlClient client, String regex) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> last = List.of();
        boolean answered = false;
        while (System.nanoTime() < deadline) {
            try {
                Reply reply = client.send("status");
                answered = true;
                last = reply.body();
                if (last.stream().anyMatch(l -> l.matches(regex))) {
                    return;
                }
            } catch (IOException e) {
                assertTrue(!answered, "control stopped answering: " + e);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no status line matching " + regex + " in " + last);
    }
}
