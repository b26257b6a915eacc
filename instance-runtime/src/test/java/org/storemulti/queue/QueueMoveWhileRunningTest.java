package org.storemulti.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.config.InstanceConfig;
import org.storemulti.lmtp.Envelope;
import org.storemulti.lmtp.MailDrop;
import org.storemulti.lmtp.Reply;
import org.storemulti.log.LogLines;

/** Moving mail while both instances' pickup and queue manager run. */
class QueueMoveWhileRunningTest {

    @TempDir
    Path dir;

    private final LogLines log = new LogLines();
    private final List<String> warnings = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    /** A store that is down: every delivery fails temporarily, so mail keeps cycling through the queue. */
    private static final MailDrop DOWN = new MailDrop() {
        @Override
        public Reply checkRecipient(String id, String recipient) {
            return Reply.OK;
        }

        @Override
        public List<Reply> deliver(Envelope envelope, byte[] message) {
            return envelope.recipients().stream().map(r -> ScriptedMailDrop.TEMP).toList();
        }
    };

    private static Path config(Path dir, String name) throws IOException {
        Path etc = Files.createDirectories(dir.resolve(name).resolve("etc"));
        // retry at once (1 s back-off) and poll often, so the managers keep moving files
        Files.writeString(etc.resolve("main.cf"), "queue_directory = " + dir.resolve(name).resolve("spool") + "\n"
                + "queue_run_delay = 1s\nmaximal_backoff_time = 1s\nqueue_poll_interval = 1s\n");
        return etc;
    }

    @Test
    void mailMovedWhileBothDaemonsDeliverEndsInExactlyOneQueue() throws Exception {
        QueueServices a = QueueServices.create(InstanceConfig.load(config(dir, "a")), DOWN, Clock.systemUTC(), log.log("queue"));
        QueueServices b = QueueServices.create(InstanceConfig.load(config(dir, "b")), DOWN, Clock.systemUTC(), log.log("queue"));
        QueueDirectories qa = QueueDirectories.of(dir.resolve("a/spool"));
        QueueDirectories qb = QueueDirectories.of(dir.resolve("b/spool"));
        QueueWriter writer = new QueueWriter(qa, Clock.systemUTC());
        Set<QueueId> all = new TreeSet<>();
        for (int i = 0; i < 40; i++) {
            all.add(writer.inject("s@x", List.of("r@x"), ("Subject: " + i + "\r\n\r\nx\r\n").getBytes(StandardCharsets.US_ASCII)));
        }
        a.start();
        b.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            boolean copy = false;
            while (System.nanoTime() < deadline) {
                new QueueMover(qa, qb, copy, warnings::add).moveAll();
                new QueueMover(qb, qa, !copy, warnings::add).moveAll();
                copy = !copy;
                a.flush();
                b.flush();
            }
        } finally {
            a.stop();
            b.stop();
        }
        List<QueueId> found = new ArrayList<>();
        for (QueueDirectories q : List.of(qa, qb)) {
            assertEquals(List.of(), new QueueVerifier(q, Clock.systemUTC(), Duration.ofHours(1)).verify(false));
            for (QueueState s : QueueState.values()) {
                q.list(s).forEach(l -> found.add(l.id()));
            }
        }
        assertEquals(all.size(), found.size(), found.toString());
        assertEquals(all, new TreeSet<>(found));
        assertTrue(QueueDirectories.quarantinedCount(qa.root()) + QueueDirectories.quarantinedCount(qb.root()) == 0);
    }
}
