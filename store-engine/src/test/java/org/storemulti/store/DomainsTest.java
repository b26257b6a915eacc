package org.storemulti.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.domain.Domain;
import org.storemulti.store.error.AlreadyExistsException;
import org.storemulti.store.error.InvalidArgumentException;
import org.storemulti.store.error.InvalidNameException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.message.Delivery;
import org.storemulti.store.message.DeliveryResult.Stored;

class DomainsTest {

    @TempDir
    Path data;
    Store store;

    @BeforeEach
    void open() {
        store = Store.open(data);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aNewDomainIsEnabledAllowsAnonymousAndHasUsersAnonymousAndAnyone() {
        store.domains().add("example.com");
        assertEquals(new Domain("example.com", true, true, OptionalLong.empty(), 0), store.domains().get("example.com"));
        assertEquals(List.of("anonymous", "anyone"), store.users().list("example.com", "*"));
    }

    @Test
    void addingAnExistingDomainIsRefused() {
        store.domains().add("example.com");
        AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> store.domains().add("EXAMPLE.com"));
        assertEquals("domain already exists: example.com", e.getMessage());
    }

    @Test
    void anInvalidDomainNameCreatesNothing() {
        assertThrows(InvalidNameException.class, () -> store.domains().add("../evil"));
        assertEquals(List.of(), store.domains().list("*"));
    }

    @Test
    void operationsOnAMissingDomainNameIt() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> store.domains().get("nowhere.org"));
        assertEquals("no such domain: nowhere.org", e.getMessage());
        assertThrows(NotFoundException.class, () -> store.domains().delete("nowhere.org"));
        assertThrows(NotFoundException.class, () -> store.domains().disable("nowhere.org"));
        assertThrows(NotFoundException.class, () -> store.users().add("nowhere.org", "joe"));
    }

    @Test
    void enableDisableAndAnonymousSwitchesAreRemembered() {
        store.domains().add("example.com");
        store.domains().disable("example.com");
        store.domains().disableAnonymous("example.com");
        Domain off = store.domains().get("example.com");
        assertFalse(off.enabled());
        assertFalse(off.anonymousAllowed());
        store.domains().enable("example.com");
        store.domains().allowAnonymous("example.com");
        Domain on = store.domains().get("example.com");
        assertTrue(on.enabled());
        assertTrue(on.anonymousAllowed());
    }

    @Test
    void aDisabledDomainStillReceivesMail() {
        store.domains().add("example.com");
        store.mailboxes().addUser("example.com", "joe");
        store.domains().disable("example.com");
        assertInstanceOf(Stored.class, store.deliver(List.of(
                Delivery.of("example.com", "user/joe/INBOX", new byte[10]))).get(0));
    }

    @Test
    void listFiltersByGlobInNameOrder() {
        for (String name : List.of("b.org", "a.com", "c.com")) {
            store.domains().add(name);
        }
        assertEquals(List.of("a.com", "c.com"), store.domains().list("*.com").stream().map(Domain::name).toList());
        assertEquals(3, store.domains().list("?.*").size());
    }

    @Test
    void renameKeepsUsersAndMailboxesAndRefusesATakenName() {
        store.domains().add("old.com");
        store.domains().add("taken.com");
        store.mailboxes().addUser("old.com", "joe");
        assertThrows(AlreadyExistsException.class, () -> store.domains().rename("old.com", "taken.com"));
        store.domains().rename("old.com", "new.com");
        assertThrows(NotFoundException.class, () -> store.domains().get("old.com"));
        assertEquals(List.of("user/joe/INBOX"), store.mailboxes().listUser("new.com", "*"));
    }

    @Test
    void deleteRemovesUsersMailboxesAndMessageFiles() throws Exception {
        store.domains().add("example.com");
        store.domains().add("keep.com");
        store.mailboxes().addUser("example.com", "joe");
        store.mailboxes().addUser("keep.com", "ann");
        store.deliver(List.of(Delivery.of("example.com", "user/joe/INBOX", new byte[] {1}),
                Delivery.of("keep.com", "user/ann/INBOX", new byte[] {2})));
        store.domains().delete("example.com");
        assertEquals(List.of("keep.com"), store.domains().list("*").stream().map(Domain::name).toList());
        assertEquals(1, DeliveryTest.messageFiles(data));
        store.domains().add("example.com");
        assertEquals(List.of(), store.mailboxes().listUser("example.com", "*"));
        assertTrue(store.tools().verify(false).isEmpty());
    }

    @Test
    void quotaIsSetInKilobytesAndRemoved() {
        store.domains().add("example.com");
        store.domains().setQuota("example.com", 2000);
        assertEquals(OptionalLong.of(2000), store.domains().get("example.com").quotaKb());
        store.domains().deleteQuota("example.com");
        assertEquals(OptionalLong.empty(), store.domains().get("example.com").quotaKb());
        assertThrows(InvalidArgumentException.class, () -> store.domains().setQuota("example.com", -1));
    }
}
