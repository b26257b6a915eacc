package org.storemulti.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.message.Delivery;
import org.storemulti.store.message.DeliveryResult;
import org.storemulti.store.message.DeliveryResult.OverQuota;
import org.storemulti.store.message.DeliveryResult.Stored;
import org.storemulti.store.message.DeliveryResult.UnknownMailbox;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MailboxStatus;
import org.storemulti.store.message.MessageInfo;

class DeliveryTest {

    static final String DOMAIN = "example.com";
    static final String JOE = "user/joe/INBOX";
    static final String ANN = "user/ann/INBOX";

    @TempDir
    Path data;
    Store store;

    @BeforeEach
    void openStoreWithTwoUsers() {
        store = Store.open(data);
        store.domains().add(DOMAIN);
        store.mailboxes().addUser(DOMAIN, "joe");
        store.mailboxes().addUser(DOMAIN, "ann");
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Message files on disk, temp files included. */
    static long messageFiles(Path dataDirectory) throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(dataDirectory.resolve("messages"))) {
            return files.filter(java.nio.file.Files::isRegularFile).count();
        }
    }

    static byte[] message(String text) {
        return ("Subject: " + text + "\r\n\r\n" + text + "\r\n").getBytes(UTF_8);
    }

    @Test
    void deliveredMessagesGetIncreasingUidsAndReadBackUnchanged() {
        List<DeliveryResult> results = store.deliver(List.of(Delivery.of(DOMAIN, JOE, message("one")),
                Delivery.of(DOMAIN, JOE, message("two"))));
        assertEquals(1, ((Stored) results.get(0)).uid());
        assertEquals(2, ((Stored) results.get(1)).uid());
        assertArrayEquals(message("two"), store.messages().read(DOMAIN, JOE, 2));
        try (var in = store.messages().open(DOMAIN, JOE, 1)) {
            assertArrayEquals(message("one"), in.readAllBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(List.of(1L, 2L), store.messages().list(DOMAIN, JOE).stream().map(MessageInfo::uid).toList());
    }

    @Test
    void oneContentForManyRecipientsIsStoredInOneFile() throws Exception {
        byte[] body = message("shared");
        store.deliver(List.of(Delivery.of(DOMAIN, JOE, body), Delivery.of(DOMAIN, ANN, body.clone())));
        assertEquals(1, messageFiles(data));
        assertArrayEquals(body, store.messages().read(DOMAIN, ANN, 1));
        assertArrayEquals(body, store.messages().read(DOMAIN, JOE, 1));
    }

    @Test
    void expungeKeepsAFileOtherMailboxesStillReference() throws Exception {
        byte[] body = message("shared");
        store.deliver(List.of(Delivery.of(DOMAIN, JOE, body), Delivery.of(DOMAIN, ANN, body)));
        store.messages().setFlags(DOMAIN, JOE, 1, Flags.of(Flags.DELETED));
        assertEquals(List.of(1L), store.messages().expunge(DOMAIN, JOE));
        assertArrayEquals(body, store.messages().read(DOMAIN, ANN, 1));
        store.messages().setFlags(DOMAIN, ANN, 1, Flags.of("\\deleted"));
        store.messages().expunge(DOMAIN, ANN);
        assertEquals(0, messageFiles(data), "the last reference took the file with it");
        assertTrue(store.tools().verify(false).isEmpty());
    }

    @Test
    void unknownMailboxAndUnknownDomainAreReportedPerDelivery() throws Exception {
        List<DeliveryResult> results = store.deliver(List.of(Delivery.of(DOMAIN, "user/nobody/INBOX", message("x")),
                Delivery.of("other.org", JOE, message("y")), Delivery.of(DOMAIN, JOE, message("z"))));
        assertInstanceOf(UnknownMailbox.class, results.get(0));
        assertInstanceOf(UnknownMailbox.class, results.get(1));
        assertInstanceOf(Stored.class, results.get(2));
        assertTrue(store.tools().verify(false).isEmpty(), "refused deliveries leave no files behind");
        assertEquals(1, messageFiles(data));
    }

    @Test
    void aDeliveryOverTheUserQuotaIsRefusedAndTheNextSmallOneFits() {
        store.quotas().setUser(DOMAIN, "joe", 1);
        DeliveryResult big = store.deliver(List.of(Delivery.of(DOMAIN, JOE, new byte[1500]))).get(0);
        assertEquals(new OverQuota(DOMAIN, "user/joe", 1), big);
        assertEquals("quota exceeded on example.com user/joe (limit 1 KB)", ((OverQuota) big).toException().getMessage());
        assertInstanceOf(Stored.class, store.deliver(List.of(Delivery.of(DOMAIN, JOE, new byte[1000]))).get(0));
        assertInstanceOf(OverQuota.class, store.deliver(List.of(Delivery.of(DOMAIN, JOE, new byte[100]))).get(0));
        assertEquals(1, store.quotas().getUser(DOMAIN, "joe").usedKb());
    }

    @Test
    void theDomainQuotaCoversEveryMailboxOfTheDomain() {
        store.domains().setQuota(DOMAIN, 2);
        store.deliver(List.of(Delivery.of(DOMAIN, JOE, new byte[1500])));
        DeliveryResult second = store.deliver(List.of(Delivery.of(DOMAIN, ANN, new byte[1500]))).get(0);
        assertEquals(new OverQuota(DOMAIN, "", 2), second);
        assertEquals("quota exceeded on example.com (domain) (limit 2 KB)",
                ((OverQuota) second).toException().getMessage());
        store.domains().deleteQuota(DOMAIN);
        assertInstanceOf(Stored.class, store.deliver(List.of(Delivery.of(DOMAIN, ANN, new byte[1500]))).get(0));
    }

    @Test
    void statusCountsUnseenMessagesAndSizes() {
        Instant date = Instant.parse("2026-01-02T03:04:05Z");
        store.deliver(List.of(new Delivery(DOMAIN, JOE, message("a"), date, Flags.of(Flags.SEEN)),
                Delivery.of(DOMAIN, JOE, message("bb"))));
        MailboxStatus status = store.messages().status(DOMAIN, JOE);
        assertEquals(2, status.messages());
        assertEquals(1, status.unseen());
        assertEquals(3, status.uidNext());
        assertEquals(message("a").length + message("bb").length, status.vsize());
        MessageInfo first = store.messages().list(DOMAIN, JOE).get(0);
        assertEquals(date, first.internalDate());
        assertEquals(Flags.of("\\SEEN"), first.flags());
    }

    @Test
    void flagsAreAddedAndRemovedInOneStepAndDriveUnseenAndExpunge() {
        store.deliver(List.of(Delivery.of(DOMAIN, JOE, message("a")), Delivery.of(DOMAIN, JOE, message("b"))));
        assertEquals(Flags.of(Flags.SEEN, "$Work"), store.messages().changeFlags(DOMAIN, JOE, 1,
                Flags.of("\\seen", "$Work"), Flags.NONE));
        assertEquals(1, store.messages().status(DOMAIN, JOE).unseen());
        assertEquals(Flags.of("$Work", Flags.DELETED), store.messages().changeFlags(DOMAIN, JOE, 1,
                Flags.of(Flags.DELETED), Flags.of(Flags.SEEN)));
        assertEquals(2, store.messages().status(DOMAIN, JOE).unseen());
        assertEquals(List.of(1L), store.messages().expunge(DOMAIN, JOE));
        assertEquals(message("b").length, store.mailboxes().get(DOMAIN, JOE).usedBytes());
        assertThrows(org.storemulti.store.error.InvalidArgumentException.class, () -> Flags.of("\\Recent2"));
        assertThrows(org.storemulti.store.error.InvalidArgumentException.class, () -> Flags.of("a b"));
    }

    @Test
    void aFileThatCannotBeWrittenIsATemporaryFailureAndIndexesNothing() throws Exception {
        store.close();
        java.time.Clock clock = java.time.Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), java.time.ZoneOffset.UTC);
        store = Store.open(data, clock);
        String bucket = String.format("%02x", (clock.millis() / 8000) & 0xff);
        Path obstacle = java.nio.file.Files.writeString(data.resolve("messages").resolve(bucket), "not a directory");
        DeliveryResult result = store.batcher().deliver(Delivery.of(DOMAIN, JOE, message("x")));
        assertInstanceOf(DeliveryResult.TemporaryFailure.class, result);
        assertTrue(((DeliveryResult.TemporaryFailure) result).reason().contains(bucket), result.toString());
        assertEquals(0, store.messages().status(DOMAIN, JOE).messages());
        java.nio.file.Files.delete(obstacle);
        assertInstanceOf(Stored.class, store.batcher().deliver(Delivery.of(DOMAIN, JOE, message("x"))));
        assertEquals(1, store.messages().status(DOMAIN, JOE).uidNext() - 1);
    }

    @Test
    void settingFlagsOnAMissingMessageNamesIt() {
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> store.messages().setFlags(DOMAIN, JOE, 9, Flags.NONE));
        assertEquals("no such message: example.com user/joe/INBOX uid 9", e.getMessage());
    }
}
