package org.storemulti.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.storemulti.log.LogLines;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;

/** The queue manager against a MailDrop that answers from a script, with a clock that only tests move. */
class QueueManagerTest {

    private static final byte[] MESSAGE = "Subject: t\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final RetryPolicy POLICY = new RetryPolicy(Duration.ofSeconds(300), Duration.ofSeconds(4000),
            Duration.ofDays(5));

    private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
    private final QueueDirectories queue = QueueDirectories.of(fs.getPath("/var/spool/store"));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final ScriptedMailDrop drop = new ScriptedMailDrop();
    private final LogLines log = new LogLines();
    private final QueueManager manager = new QueueManager(queue, drop, POLICY, clock, Duration.ofMillis(20), log.log("queue"));

    @AfterEach
    void close() throws IOException {
        fs.close();
    }

    private QueueId incoming(String... recipients) throws IOException {
        QueueId id = new QueueWriter(queue, clock).inject("joe@example.com", List.of(recipients), MESSAGE);
        queue.move(queue.locate(id).orElseThrow(), QueueState.INCOMING);
        return id;
    }

    private QueueState state(QueueId id) {
        return queue.locate(id).map(QueueLocation::state).orElse(null);
    }

    @Test
    void aTemporaryFailureDefersTheMessageUntilTheBackOffHasPassedThenDeliversIt() throws IOException {
        drop.script("ann@example.com", ScriptedMailDrop.TEMP);
        QueueId id = incoming("ann@example.com");

        assertEquals(List.of(DeliveryOutcome.DEFERRED), manager.runOnce());
        QueueEnvelope deferred = QueueFile.readEnvelope(queue.file(QueueState.DEFERRED, id));
        assertEquals(1, deferred.attempts());
        assertEquals(clock.instant().plusSeconds(300), deferred.nextAttempt());
        assertTrue(deferred.lastError().contains("451 4.3.0"), deferred.lastError());

        clock.advance(Duration.ofSeconds(299));
        assertEquals(List.of(), manager.runOnce(), "not due yet");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(DeliveryOutcome.DONE), manager.runOnce());
        assertEquals(null, state(id));
        assertEquals(List.of("ann@example.com"), drop.delivered);
        assertEquals("Return-Path: <joe@example.com>\r\nDelivered-To: ann@example.com\r\nSubject: t\r\n\r\nbody\r\n",
                drop.messages.get(0), "stored like mail received over LMTP");
    }

    @Test
    void recipientsThatFailedTemporarilyStayQueuedAndThoseRefusedAreHeldApartWithTheReason() throws IOException {
        drop.script("tmp@example.com", ScriptedMailDrop.TEMP).script("gone@example.com", ScriptedMailDrop.PERM);
        QueueId id = incoming("ok@example.com", "tmp@example.com", "gone@example.com");

        assertEquals(List.of(DeliveryOutcome.DEFERRED), manager.runOnce());
        assertEquals(List.of("tmp@example.com"), QueueFile.readEnvelope(queue.file(QueueState.DEFERRED, id)).recipients());
        assertEquals(List.of("ok@example.com"), drop.delivered);
        List<QueueLocation> held = queue.list(QueueState.HOLD);
        assertEquals(1, held.size());
        QueuedMessage part = QueueFile.read(held.get(0).path());
        assertEquals(List.of("gone@example.com"), part.envelope().recipients());
        assertEquals("held: gone@example.com: 550 5.1.1 no such user", part.envelope().lastError());
        assertEquals("joe@example.com", part.envelope().sender());
        assertEquals(new String(MESSAGE, StandardCharsets.US_ASCII), new String(part.message(), StandardCharsets.US_ASCII));
    }

    @Test
    void aMessageWhoseEveryRecipientIsRefusedIsHeldNeverRemovedAndDeliveredOnceReleased() throws IOException {
        drop.script("gone@example.com", ScriptedMailDrop.PERM);
        QueueId id = incoming("gone@example.com");
        assertEquals(List.of(DeliveryOutcome.HELD), manager.runOnce());
        assertEquals(QueueState.HOLD, state(id));
        assertEquals("held: gone@example.com: 550 5.1.1 no such user",
                QueueFile.readEnvelope(queue.file(QueueState.HOLD, id)).lastError());
        assertEquals(List.of(), manager.runOnce(), "held mail waits for an administrator");

        new QueueAdmin(queue).release(id); // the user exists now: the script answers 250
        assertEquals(List.of(DeliveryOutcome.DONE), manager.runOnce());
        assertEquals(null, state(id));
        assertEquals(List.of("gone@example.com"), drop.delivered);
    }

    @Test
    void aMailDropThatBreaksItsContractLeavesTheMessageDeferredNotStuckInActive() throws IOException {
        QueueManager broken = new QueueManager(queue, new org.storemulti.lmtp.MailDrop() {
            @Override
            public org.storemulti.lmtp.Reply checkRecipient(String id, String recipient) {
                return org.storemulti.lmtp.Reply.OK;
            }

            @Override
            public List<org.storemulti.lmtp.Reply> deliver(org.storemulti.lmtp.Envelope envelope, byte[] message) {
                return List.of();
            }
        }, POLICY, clock, Duration.ofMillis(20), log.log("queue"));
        QueueId id = incoming("ann@example.com");
        assertTrue(broken.runOnce().stream().allMatch(o -> o == DeliveryOutcome.DEFERRED));
        assertEquals(QueueState.DEFERRED, state(id));
    }

    @Test
    void theBackOffDoublesFromQueueRunDelayUpToMaximalBackoffTime() {
        assertEquals(List.of(300L, 600L, 1200L, 2400L, 4000L, 4000L),
                java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(n -> POLICY.delayAfter(n).toSeconds()).toList());
    }

    @Test
    void successiveFailuresWaitLongerEachTime() throws IOException {
        drop.script("ann@example.com", ScriptedMailDrop.TEMP, ScriptedMailDrop.TEMP, ScriptedMailDrop.TEMP);
        QueueId id = incoming("ann@example.com");
        for (long expected : new long[] {300, 600, 1200}) {
            Instant before = clock.instant();
            manager.runOnce();
            QueueEnvelope e = QueueFile.readEnvelope(queue.file(QueueState.DEFERRED, id));
            assertEquals(before.plusSeconds(expected), e.nextAttempt());
            clock.advance(Duration.ofSeconds(expected));
        }
        assertEquals(List.of(DeliveryOutcome.DONE), manager.runOnce());
    }

    @Test
    void mailStillFailingAtMaximalQueueLifetimeIsGivenUpIntoCorruptWithTheReason() throws IOException {
        drop.script("ann@example.com", ScriptedMailDrop.TEMP, ScriptedMailDrop.TEMP);
        QueueId id = incoming("ann@example.com");
        manager.runOnce();
        clock.advance(Duration.ofDays(5));
        assertEquals(List.of(DeliveryOutcome.QUARANTINED), manager.runOnce());
        assertEquals(QueueState.CORRUPT, state(id));
        QueueEnvelope e = QueueFile.readEnvelope(queue.file(QueueState.CORRUPT, id));
        assertTrue(e.lastError().startsWith("expired after 2 attempts: ann@example.com: 451"), e.lastError());
    }

    @Test
    void flushMakesDeferredMailDueAtOnce() throws IOException {
        drop.script("ann@example.com", ScriptedMailDrop.TEMP);
        QueueId id = incoming("ann@example.com");
        manager.runOnce();
        assertEquals(1, manager.flush());
        assertEquals(QueueState.INCOMING, state(id));
        assertEquals(List.of(DeliveryOutcome.DONE), manager.runOnce());
    }

    @Test
    void anUnreadableFileIsQuarantinedNotDelivered() throws IOException {
        QueueId id = incoming("ann@example.com");
        java.nio.file.Files.writeString(queue.file(QueueState.INCOMING, id), "storemulti-queue 1\nid x\n\n");
        assertEquals(List.of(DeliveryOutcome.QUARANTINED), manager.runOnce());
        assertEquals(QueueState.CORRUPT, state(id));
        assertEquals(List.of(), drop.delivered);
    }

    @Test
    void crashLeftoversInActiveAreRequeuedAndDeliveredWhenTheManagerStarts() throws Exception {
        QueueId id = incoming("ann@example.com");
        queue.move(queue.locate(id).orElseThrow(), QueueState.ACTIVE);
        assertEquals(1, manager.recoverActive());
        assertEquals(QueueState.INCOMING, state(id));
        assertEquals(List.of(DeliveryOutcome.DONE), manager.runOnce());
    }

    @Test
    void startedServicesDeliverInjectedMailInTheBackground() throws Exception {
        QueueId leftover = incoming("left@example.com");
        queue.move(queue.locate(leftover).orElseThrow(), QueueState.ACTIVE);
        Pickup pickup = new Pickup(queue, Duration.ofMillis(20), manager::wake, log.log("queue"));
        manager.start();
        pickup.start();
        try {
            QueueId id = new QueueWriter(queue, clock).inject("", List.of("bob@example.com"), MESSAGE);
            pickup.wake();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((state(id) != null || state(leftover) != null) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(null, state(id));
            assertEquals(null, state(leftover));
            assertTrue(drop.delivered.containsAll(List.of("bob@example.com", "left@example.com")), drop.delivered.toString());
        } finally {
            pickup.stop();
            manager.stop();
        }
    }
}
