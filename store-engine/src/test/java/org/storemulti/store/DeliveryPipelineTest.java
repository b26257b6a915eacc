package org.storemulti.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.message.DeliveryPipeline;
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
}
