package org.storemulti.imap.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.imap.command.MailboxName;
import org.storemulti.store.Store;
import org.storemulti.store.mailbox.Rights;

/** Rights and names against a real store: the ACLs as the engine keeps them. */
class MailboxAccessTest {

    @TempDir
    Path directory;
    private Store store;

    @BeforeEach
    void openStore() {
        store = Store.open(directory);
        store.domains().add("example.com");
        store.mailboxes().addUser("example.com", "Joe");
        store.mailboxes().addUser("example.com", "bob");
        store.mailboxes().addUserFolder("example.com", "bob", "Private");
        store.mailboxes().addShared("example.com", "graphics", "bob");
        store.authAccounts().add("jworker", "secret");
        store.authAliases().add("jworker", "JOE@example.com");
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aLoginSpelledInAnotherCaseGetsTheStoredUserName() {
        UserMailboxes joe = UserMailboxes.of(store, "JOE@example.com");
        assertEquals("Joe", joe.user());
        assertEquals("JOE@example.com", joe.loginId());
        assertEquals("user/Joe/INBOX", joe.inbox().name());
        assertEquals(Rights.ALL, MailboxAccess.of(store, joe, joe.inbox()).rights());
    }

    @Test
    void anOwnerMayDoEverythingInItsMailboxes() {
        UserMailboxes bob = UserMailboxes.of(store, "bob@example.com");
        MailboxAccess shared = MailboxAccess.of(store, bob, bob.resolve(new MailboxName("shared/graphics")));
        assertTrue(shared.exists());
        assertTrue(shared.may('a'));
        assertEquals(Optional.empty(), shared.refusal('x', "DELETE"));
    }

    @Test
    void aMailboxWithoutTheLookupRightIsAnsweredAsIfItDidNotExist() {
        UserMailboxes joe = UserMailboxes.of(store, "joe@example.com");
        MailboxAccess other = MailboxAccess.of(store, joe, joe.resolve(new MailboxName("user/bob/Private")));
        assertTrue(other.exists());
        assertEquals(Optional.of(new MailboxAccess.Refusal("NONEXISTENT", "no mailbox user/bob/Private")),
                other.refusal('r', "SELECT"));
        MailboxAccess missing = MailboxAccess.of(store, joe, joe.resolve(new MailboxName("user/bob/Nothing")));
        assertFalse(missing.exists());
        assertEquals(other.refusal('r', "SELECT").get().code(), missing.refusal('r', "SELECT").get().code());
    }

    @Test
    void aVisibleMailboxWithoutTheRightIsRefusedAsNoPermission() {
        store.acls().set("example.com", "user/bob/Private", "Joe", "lr");
        UserMailboxes joe = UserMailboxes.of(store, "joe@example.com");
        MailboxAccess other = MailboxAccess.of(store, joe, joe.resolve(new MailboxName("user/bob/Private")));
        assertEquals(Optional.empty(), other.refusal('r', "SELECT"));
        assertEquals(Optional.of(new MailboxAccess.Refusal("NOPERM",
                "APPEND user/bob/Private needs the 'i' right, which you do not have there")), other.refusal('i', "APPEND"));
    }

    @Test
    void anyoneAndNegativeRightsCount() {
        store.acls().set("example.com", "shared/graphics", "anyone", "lrs");
        store.acls().set("example.com", "shared/graphics", "-Joe", "s");
        UserMailboxes joe = UserMailboxes.of(store, "joe@example.com");
        MailboxAccess graphics = MailboxAccess.of(store, joe, joe.resolve(new MailboxName("shared/graphics")));
        assertEquals(new Rights("lr"), graphics.rights());
    }

    @Test
    void obsoleteRightsCountAsWhatReplacedThem() {
        assertEquals(new Rights("lrkc"), MailboxAccess.effective(new Rights("lrc")));
        assertEquals(new Rights("lrxted"), MailboxAccess.effective(new Rights("lrd")));
    }
}
