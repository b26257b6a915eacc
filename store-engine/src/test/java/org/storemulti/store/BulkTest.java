package org.storemulti.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.error.AlreadyExistsException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.StoreException;
import org.storemulti.store.message.Delivery;

class BulkTest {

    @TempDir
    Path data;
    Store store;

    @BeforeEach
    void open() {
        store = Store.open(data);
        store.domains().add("example.com");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aBulkAddKeepsEveryGoodLineAndReportsTheBadOnes() {
        List<String> errors = new ArrayList<>();
        store.bulk(() -> {
            for (String user : List.of("joe", "ann", "joe", "../x", "bob")) {
                try {
                    store.mailboxes().addUser("example.com", user);
                    store.authAccounts().add(user + "@example.com", "pw-" + user);
                    store.quotas().setUser("example.com", user, 2000);
                } catch (StoreException e) {
                    errors.add(e.getMessage());
                }
            }
        });
        assertEquals(List.of("mailbox already exists: example.com user/joe/INBOX",
                "invalid user name \"../x\": contains '/'"), errors);
        assertEquals(List.of("user/ann/INBOX", "user/bob/INBOX", "user/joe/INBOX"),
                store.mailboxes().listUser("example.com", "*"));
        assertEquals(3, store.authAccounts().list("*").size());
        assertEquals(2000, store.quotas().getUser("example.com", "bob").limitKb().getAsLong());
    }

    @Test
    void readsInsideTheBulkSeeItsChanges() {
        store.bulk(() -> {
            store.domains().add("new.org");
            assertEquals("new.org", store.domains().get("new.org").name());
        });
    }

    @Test
    void aBulkThatThrowsKeepsNothingAndDeletesNoFiles() throws Exception {
        store.mailboxes().addUser("example.com", "joe");
        store.deliver(List.of(Delivery.of("example.com", "user/joe/INBOX", new byte[] {1})));
        assertThrows(IllegalStateException.class, () -> store.bulk(() -> {
            store.domains().delete("example.com");
            store.domains().add("other.org");
            throw new IllegalStateException("operator abort");
        }));
        assertEquals(1, DeliveryTest.messageFiles(data));
        assertEquals(1, store.messages().list("example.com", "user/joe/INBOX").size());
        assertThrows(NotFoundException.class, () -> store.domains().get("other.org"));
        assertEquals(List.of(), store.tools().verify(false));
        store.bulk(() -> store.domains().delete("example.com"));
        assertEquals(0, DeliveryTest.messageFiles(data), "files go once the bulk has committed");
    }

    @Test
    void deliveriesCannotJoinABulk() throws Exception {
        store.mailboxes().addUser("example.com", "joe");
        store.bulk(() -> assertThrows(IllegalStateException.class, () -> store.batcher().deliver(
                Delivery.of("example.com", "user/joe/INBOX", new byte[] {1}))));
        assertEquals(0, DeliveryTest.messageFiles(data));
    }
}
