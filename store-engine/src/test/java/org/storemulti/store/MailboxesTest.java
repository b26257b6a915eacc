package org.storemulti.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.error.AlreadyExistsException;
import org.storemulti.store.error.ConflictException;
import org.storemulti.store.error.InvalidNameException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.mailbox.MailboxInfo;
import org.storemulti.store.mailbox.MailboxLocation;
import org.storemulti.store.message.Delivery;

class MailboxesTest {

    static final String DOMAIN = "example.com";

    @TempDir
    Path data;
    Store store;

    @BeforeEach
    void open() {
        store = Store.open(data);
        store.domains().add(DOMAIN);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theSeedsExampleCreatesJoesFolders() {
        store.mailboxes().addUser(DOMAIN, "joe");
        for (String folder : List.of("Sentmail", "Important", "Important/fun", "Important/work")) {
            store.mailboxes().addUserFolder(DOMAIN, "joe", folder);
        }
        assertEquals(List.of("user/joe/INBOX", "user/joe/Important", "user/joe/Important/fun",
                "user/joe/Important/work", "user/joe/Sentmail"), store.mailboxes().listUser(DOMAIN, "*"));
        assertEquals(List.of("user/joe/Important/fun", "user/joe/Important/work"),
                store.mailboxes().listUser(DOMAIN, "*Important/*"));
        MailboxInfo inbox = store.mailboxes().get(DOMAIN, "user/joe/INBOX");
        assertEquals("joe", inbox.owner());
        assertEquals(1, inbox.uidNext());
    }

    @Test
    void namedReadsOnlyTheMailboxesAskedForThatExistInManyChunks() {
        store.mailboxes().addUser(DOMAIN, "joe");
        for (int i = 0; i < 5; i++) {
            store.mailboxes().addShared(DOMAIN, "s" + i, "joe");
        }
        List<String> asked = new java.util.ArrayList<>(List.of("user/joe/INBOX", "user/joe/Nothing"));
        for (int i = 1200; i >= 0; i -= 2) {
            asked.add("shared/s" + i); // more names than one query takes; three of them exist
        }
        assertEquals(List.of("shared/s0", "shared/s2", "shared/s4", "user/joe/INBOX"),
                store.mailboxes().named(DOMAIN, asked).stream().map(MailboxInfo::name).toList());
    }

    @Test
    void mailboxUserAddCreatesTheUserAndRefusesASecondInbox() {
        store.mailboxes().addUser(DOMAIN, "joe");
        assertTrue(store.users().list(DOMAIN, "joe").contains("joe"));
        AlreadyExistsException e = assertThrows(AlreadyExistsException.class,
                () -> store.mailboxes().addUser(DOMAIN, "joe"));
        assertEquals("mailbox already exists: example.com user/joe/INBOX", e.getMessage());
    }

    @Test
    void folderNamesThatEscapeAreRefusedBeforeAnythingIsCreated() {
        store.mailboxes().addUser(DOMAIN, "joe");
        for (String bad : List.of("../ann/INBOX", "a/../../x", "/abs", "x\u0001y", "a//b")) {
            assertThrows(InvalidNameException.class, () -> store.mailboxes().addUserFolder(DOMAIN, "joe", bad), bad);
            assertThrows(InvalidNameException.class, () -> store.mailboxes().addShared(DOMAIN, bad, "joe"), bad);
        }
        assertThrows(InvalidNameException.class, () -> store.mailboxes().addUser(DOMAIN, "../joe"));
        assertEquals(List.of("user/joe/INBOX"), store.mailboxes().listUser(DOMAIN, "*"));
        assertEquals(List.of(), store.mailboxes().listShared(DOMAIN, "*"));
    }

    @Test
    void subFoldersAreRenamedWithTheirChildrenAndTheInboxStaysPut() {
        store.mailboxes().addUser(DOMAIN, "joe");
        store.mailboxes().addUserFolder(DOMAIN, "joe", "Work");
        store.mailboxes().addUserFolder(DOMAIN, "joe", "Work/2026");
        store.mailboxes().addUserFolder(DOMAIN, "joe", "Workshop");
        store.mailboxes().renameUserFolder(DOMAIN, "joe", "Work", "Job");
        assertEquals(List.of("user/joe/INBOX", "user/joe/Job", "user/joe/Job/2026", "user/joe/Workshop"),
                store.mailboxes().listUser(DOMAIN, "*"));
        assertThrows(ConflictException.class, () -> store.mailboxes().renameUserFolder(DOMAIN, "joe", "INBOX", "x"));
        assertThrows(ConflictException.class, () -> store.mailboxes().deleteUserFolder(DOMAIN, "joe", "INBOX"));
        assertThrows(AlreadyExistsException.class,
                () -> store.mailboxes().renameUserFolder(DOMAIN, "joe", "Job", "Workshop"));
        assertThrows(InvalidNameException.class,
                () -> store.mailboxes().renameUserFolder(DOMAIN, "joe", "Job", "Job/inner"));
        store.mailboxes().deleteUserFolder(DOMAIN, "joe", "Job");
        assertEquals(List.of("user/joe/INBOX", "user/joe/Job/2026", "user/joe/Workshop"),
                store.mailboxes().listUser(DOMAIN, "*"));
        assertThrows(NotFoundException.class, () -> store.mailboxes().deleteUserFolder(DOMAIN, "joe", "Job"));
    }

    @Test
    void deletingAUserRemovesAllItsMailboxesAndMessages() throws Exception {
        store.mailboxes().addUser(DOMAIN, "joe");
        store.mailboxes().addUserFolder(DOMAIN, "joe", "Sent");
        store.deliver(List.of(Delivery.of(DOMAIN, "user/joe/Sent", new byte[] {1, 2})));
        store.mailboxes().deleteUser(DOMAIN, "joe");
        assertEquals(List.of(), store.mailboxes().listUser(DOMAIN, "*"));
        assertEquals(0, DeliveryTest.messageFiles(data));
        assertThrows(NotFoundException.class, () -> store.mailboxes().deleteUser(DOMAIN, "joe"));
    }

    @Test
    void sharedSubFoldersInheritTheOwnerAndTopLevelOnesNeedOne() {
        store.users().add(DOMAIN, "ann");
        store.mailboxes().addShared(DOMAIN, "graphics", "ann");
        store.mailboxes().addShared(DOMAIN, "graphics/logos", null);
        assertEquals("ann", store.mailboxes().get(DOMAIN, "shared/graphics/logos").owner());
        ConflictException e = assertThrows(ConflictException.class, () -> store.mailboxes().addShared(DOMAIN, "misc", null));
        assertEquals("mailbox example.com shared/misc: needs an owner (no owned parent mailbox)", e.getMessage());
        assertThrows(NotFoundException.class, () -> store.mailboxes().addShared(DOMAIN, "misc", "nobody"));
        assertEquals(List.of("shared/graphics", "shared/graphics/logos"), store.mailboxes().listShared(DOMAIN, "graphics*"));
    }

    @Test
    void sharedMailboxesAreRenamedWithSubFoldersAndDeletedOneByOne() {
        store.users().add(DOMAIN, "ann");
        store.mailboxes().addShared(DOMAIN, "graphics", "ann");
        store.mailboxes().addShared(DOMAIN, "graphics/logos", null);
        store.mailboxes().renameShared(DOMAIN, "graphics", "art");
        assertEquals(List.of("shared/art", "shared/art/logos"), store.mailboxes().listShared(DOMAIN, "*"));
        store.mailboxes().deleteShared(DOMAIN, "art");
        assertEquals(List.of("shared/art/logos"), store.mailboxes().listShared(DOMAIN, "*"));
    }

    @Test
    void userToSharedMovesTheSeedsExampleTree() {
        store.mailboxes().addUser(DOMAIN, "joe");
        store.mailboxes().addUserFolder(DOMAIN, "joe", "company_logos");
        store.mailboxes().addUserFolder(DOMAIN, "joe", "company_logos/jpeg");
        store.quotas().setUser(DOMAIN, "joe", 500);
        store.mailboxes().userToShared(DOMAIN, "joe", "graphics");
        assertEquals(List.of("shared/graphics", "shared/graphics/company_logos", "shared/graphics/company_logos/jpeg"),
                store.mailboxes().listShared(DOMAIN, "*"));
        assertEquals(List.of(), store.mailboxes().listUser(DOMAIN, "*"));
        assertEquals("joe", store.mailboxes().get(DOMAIN, "shared/graphics").owner());
        assertEquals(500, store.quotas().getShared(DOMAIN, "graphics").limitKb().getAsLong());
    }

    @Test
    void theMailboxPathNamesTheIndexRowAndTheMessagesDirectory() {
        store.mailboxes().addUser(DOMAIN, "joe");
        MailboxLocation location = store.mailboxes().locate(DOMAIN, "user/joe/INBOX");
        assertEquals(data.toAbsolutePath().resolve("store.db"), location.database());
        assertEquals(data.toAbsolutePath().resolve("messages"), location.messagesDirectory());
        assertThrows(NotFoundException.class, () -> store.mailboxes().locate(DOMAIN, "user/ann/INBOX"));
    }

    @Test
    void deletingTheOwnerLeavesASharedMailboxWithoutOwner() {
        store.users().add(DOMAIN, "ann");
        store.mailboxes().addShared(DOMAIN, "graphics", "ann");
        store.users().delete(DOMAIN, "ann");
        assertNull(store.mailboxes().get(DOMAIN, "shared/graphics").owner());
    }
}
