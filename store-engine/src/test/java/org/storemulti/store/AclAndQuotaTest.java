package org.storemulti.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.error.InvalidArgumentException;
import org.storemulti.store.error.InvalidNameException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.mailbox.AclEntry;
import org.storemulti.store.mailbox.QuotaUsage;
import org.storemulti.store.mailbox.Rights;
import org.storemulti.store.message.Delivery;
import org.storemulti.store.message.DeliveryResult.OverQuota;

class AclAndQuotaTest {

    static final String DOMAIN = "example.com";
    static final String INBOX = "user/joe/INBOX";

    @TempDir
    Path data;
    Store store;

    @BeforeEach
    void open() {
        store = Store.open(data);
        store.domains().add(DOMAIN);
        store.mailboxes().addUser(DOMAIN, "joe");
        store.users().add(DOMAIN, "ann");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theOwnerStartsWithAllRights() {
        assertEquals(List.of(new AclEntry("joe", Rights.ALL)), store.acls().get(DOMAIN, INBOX));
        assertEquals("lrswipkxtecdan", store.acls().rightsOf(DOMAIN, INBOX, "joe").letters());
    }

    @Test
    void rightsAreReplacedAddedAndRemovedInCanonicalOrder() {
        store.acls().set(DOMAIN, INBOX, "ann", "rl");
        assertEquals("lr", store.acls().rightsOf(DOMAIN, INBOX, "ann").letters());
        store.acls().set(DOMAIN, INBOX, "ann", "+si");
        assertEquals("lrsi", store.acls().rightsOf(DOMAIN, INBOX, "ann").letters());
        store.acls().set(DOMAIN, INBOX, "ann", "-r");
        assertEquals("lsi", store.acls().rightsOf(DOMAIN, INBOX, "ann").letters());
        store.acls().set(DOMAIN, INBOX, "ann", "-lsi");
        assertEquals(List.of(new AclEntry("joe", Rights.ALL)), store.acls().get(DOMAIN, INBOX));
    }

    @Test
    void anyoneGrantsAndNegativeRightsTakeAway() {
        store.acls().set(DOMAIN, INBOX, "anyone", "lr");
        assertEquals("lr", store.acls().rightsOf(DOMAIN, INBOX, "ann").letters());
        store.acls().set(DOMAIN, INBOX, "-ann", "r");
        assertEquals("l", store.acls().rightsOf(DOMAIN, INBOX, "ann").letters());
        store.acls().delete(DOMAIN, INBOX, "-ann");
        assertEquals("lr", store.acls().rightsOf(DOMAIN, INBOX, "ann").letters());
        NotFoundException e = assertThrows(NotFoundException.class, () -> store.acls().delete(DOMAIN, INBOX, "-ann"));
        assertEquals("no such acl entry: example.com user/joe/INBOX -ann", e.getMessage());
    }

    @Test
    void renamingAUserCarriesItsRightsAndDeletingItDropsThem() {
        store.mailboxes().addShared(DOMAIN, "team", "ann");
        store.acls().set(DOMAIN, INBOX, "ann", "lr");
        store.acls().set(DOMAIN, "shared/team", "-joe", "w");
        store.users().rename(DOMAIN, "joe", "jo");
        assertEquals(Rights.ALL, store.acls().rightsOf(DOMAIN, "user/jo/INBOX", "jo"));
        assertEquals(List.of(new AclEntry("-jo", new Rights("w")), new AclEntry("ann", Rights.ALL)),
                store.acls().get(DOMAIN, "shared/team"));
        store.mailboxes().deleteUser(DOMAIN, "jo");
        assertEquals(List.of(new AclEntry("ann", Rights.ALL)), store.acls().get(DOMAIN, "shared/team"));
    }

    @Test
    void unknownRightsAndBadIdentifiersAreRefused() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> store.acls().set(DOMAIN, INBOX, "ann", "lrz"));
        assertEquals("invalid rights \"lrz\": unknown right 'z' (allowed: lrswipkxtecdan)", e.getMessage());
        assertThrows(InvalidNameException.class, () -> store.acls().set(DOMAIN, INBOX, "a b", "l"));
        assertThrows(NotFoundException.class, () -> store.acls().set(DOMAIN, "user/ann/INBOX", "ann", "l"));
        assertEquals(1, store.acls().get(DOMAIN, INBOX).size());
    }

    @Test
    void aUserQuotaCoversAllItsFoldersAndReportsUsage() {
        store.mailboxes().addUserFolder(DOMAIN, "joe", "Sent");
        store.quotas().setUser(DOMAIN, "joe", 2);
        store.deliver(List.of(Delivery.of(DOMAIN, INBOX, new byte[1200])));
        assertEquals(new OverQuota(DOMAIN, "user/joe", 2),
                store.deliver(List.of(Delivery.of(DOMAIN, "user/joe/Sent", new byte[1000]))).get(0));
        QuotaUsage usage = store.quotas().getUser(DOMAIN, "joe");
        assertEquals(new QuotaUsage("user/joe", OptionalLong.of(2), 1200), usage);
        assertEquals(2, usage.usedKb());
        store.quotas().deleteUser(DOMAIN, "joe");
        assertEquals(OptionalLong.empty(), store.quotas().getUser(DOMAIN, "joe").limitKb());
        assertThrows(NotFoundException.class, () -> store.quotas().deleteUser(DOMAIN, "joe"));
    }

    @Test
    void aSharedQuotaCoversItsSubFoldersOnly() {
        store.mailboxes().addShared(DOMAIN, "team", "ann");
        store.mailboxes().addShared(DOMAIN, "team/a", null);
        store.mailboxes().addShared(DOMAIN, "teamwork", "ann");
        store.quotas().setShared(DOMAIN, "team", 1);
        store.deliver(List.of(Delivery.of(DOMAIN, "shared/team/a", new byte[1000])));
        store.deliver(List.of(Delivery.of(DOMAIN, "shared/teamwork", new byte[5000])));
        assertEquals(1000, store.quotas().getShared(DOMAIN, "team").usedBytes());
        assertEquals(new OverQuota(DOMAIN, "shared/team", 1),
                store.deliver(List.of(Delivery.of(DOMAIN, "shared/team", new byte[100]))).get(0));
        assertThrows(NotFoundException.class, () -> store.quotas().setShared(DOMAIN, "nothere", 1));
        assertThrows(NotFoundException.class, () -> store.quotas().setUser(DOMAIN, "nobody", 1));
        assertThrows(InvalidArgumentException.class, () -> store.quotas().setShared(DOMAIN, "team", -5));
    }
}
