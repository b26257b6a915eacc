package org.storemulti.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.message.DeliveryPipeline;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MailboxHandle;
import org.storemulti.store.message.DeliveryResult;
import org.storemulti.store.name.Address;
import org.storemulti.store.name.LocalPartRule;

/** The stages in order: recipients refused first, each mailbox stored once, one result per address. */
class DeliveryPipelineTest {

    private static final byte[] MESSAGE = "Subject: once\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path data;

    @Test
    void aMailboxNamedManyTimesIsStoredOnceAndEveryAddressGetsItsResult() {
        try (Store store = Store.open(data)) {
            store.domains().add("example.com");
            store.mailboxes().addUser("example.com", "Joe");
            store.mailboxes().addUser("example.com", "ann");
            DeliveryPipeline pipeline = store.pipeline(new LocalPartRule("+"));
            List<Address> to = List.of(new Address("joe", "example.com"), new Address("JOE+x", "example.com"),
                    new Address("nobody", "example.com"), new Address("ann", "example.com"), new Address("Joe", "example.com"));

            List<DeliveryPipeline.Outcome> outcomes = pipeline.deliver(to, MESSAGE);
            List<DeliveryResult> results = outcomes.stream().map(DeliveryPipeline.Outcome::result).toList();

            assertEquals(5, results.size());
            assertEquals(new DeliveryResult.NoSuchRecipient("no such user: nobody@example.com"), results.get(2));
            DeliveryResult joe = results.get(0);
            assertTrue(joe instanceof DeliveryResult.Stored, joe.toString());
            assertEquals(List.of(joe, joe, joe), List.of(results.get(0), results.get(1), results.get(4)));
            assertTrue(results.get(3) instanceof DeliveryResult.Stored);
            assertEquals(List.of("user/Joe/INBOX", "user/Joe/INBOX", "", "user/ann/INBOX", "user/Joe/INBOX"),
                    outcomes.stream().map(DeliveryPipeline.Outcome::mailbox).toList(), "the mailbox each went to, for the log");
            assertEquals(1, store.messages().status("example.com", "user/Joe/INBOX").messages());
            assertEquals(1, store.messages().status("example.com", "user/ann/INBOX").messages());
            assertEquals(Optional.empty(), pipeline.check(new Address("jOe", "example.com")));
            assertEquals(Optional.of(new DeliveryResult.NoSuchRecipient("no such domain: nosuch.example")),
                    pipeline.check(Address.parse("joe@NoSuch.Example", "example.com")));
        }
    }

    @Test
    void aStreamedAppendIsStoredOverQuotaRefusedAndAFailingStreamLeavesNothing() throws Exception {
        try (Store store = Store.open(data)) {
            store.domains().add("example.com");
            store.mailboxes().addUser("example.com", "joe");
            DeliveryPipeline pipeline = store.pipeline(LocalPartRule.NO_DETAILS);
            MailboxHandle inbox = store.messages().mailbox("example.com", "user/joe/INBOX");

            DeliveryResult stored = pipeline.append(inbox, new ByteArrayInputStream(MESSAGE), Flags.of(Flags.SEEN), null);
            assertTrue(stored instanceof DeliveryResult.Stored, stored.toString());

            // 100 octets, then a failure on every read (InputStream's own read(byte[]) would swallow a
            // failure after the first octet, so both reads fail alike)
            InputStream failing = new InputStream() {
                private int left = 100;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0];
                }

                @Override
                public int read(byte[] bytes, int offset, int length) throws IOException {
                    if (left <= 0) {
                        throw new IOException("the client went away");
                    }
                    int n = Math.min(length, left);
                    Arrays.fill(bytes, offset, offset + n, (byte) 'x');
                    left -= n;
                    return n;
                }
            };
            assertEquals(new DeliveryResult.TemporaryFailure("the client went away"),
                    pipeline.append(inbox, failing, Flags.NONE, null));

            store.quotas().setUser("example.com", "joe", 1);
            DeliveryResult over = pipeline.append(inbox, new ByteArrayInputStream(new byte[4000]), Flags.NONE, null);
            assertTrue(over instanceof DeliveryResult.OverQuota, over.toString());
            assertEquals(1, store.messages().status("example.com", "user/joe/INBOX").messages());

            store.mailboxes().addUserFolder("example.com", "joe", "Gone");
            MailboxHandle gone = store.messages().mailbox("example.com", "user/joe/Gone");
            store.mailboxes().deleteUserFolder("example.com", "joe", "Gone");
            assertEquals(new DeliveryResult.UnknownMailbox("example.com", "user/joe/Gone"),
                    pipeline.append(gone, new ByteArrayInputStream(MESSAGE), Flags.NONE, null));
        }
    }
}
