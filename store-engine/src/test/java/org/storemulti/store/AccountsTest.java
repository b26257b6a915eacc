package org.storemulti.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.error.AlreadyExistsException;
import org.storemulti.store.error.ConflictException;
import org.storemulti.store.error.NotFoundException;

class AccountsTest {

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
    void usersAreAddedListedByGlobAndDeleted() {
        store.users().add(DOMAIN, "joe");
        store.users().add(DOMAIN, "jim");
        assertEquals(List.of("jim", "joe"), store.users().list(DOMAIN, "j*"));
        store.users().delete(DOMAIN, "jim");
        assertEquals(List.of("joe"), store.users().list(DOMAIN, "j*"));
        assertThrows(AlreadyExistsException.class, () -> store.users().add(DOMAIN, "joe"));
        NotFoundException e = assertThrows(NotFoundException.class, () -> store.users().delete(DOMAIN, "jim"));
        assertEquals("no such user: jim@example.com", e.getMessage());
    }

    @Test
    void aUserWithMailboxesIsDeletedOnlyWithThem() {
        store.mailboxes().addUser(DOMAIN, "joe");
        ConflictException e = assertThrows(ConflictException.class, () -> store.users().delete(DOMAIN, "joe"));
        assertEquals("user joe@example.com: still has mailboxes (delete them with the mailbox user delete)",
                e.getMessage());
        store.mailboxes().deleteUser(DOMAIN, "joe");
        assertEquals(List.of("anonymous", "anyone"), store.users().list(DOMAIN, "*"));
    }

    @Test
    void renamingAUserRenamesItsMailboxesAndQuotaButNotOthers() {
        store.mailboxes().addUser(DOMAIN, "joe");
        store.mailboxes().addUserFolder(DOMAIN, "joe", "Sent");
        store.mailboxes().addUser(DOMAIN, "joey");
        store.quotas().setUser(DOMAIN, "joe", 100);
        store.users().rename(DOMAIN, "joe", "jo");
        assertEquals(List.of("user/jo/INBOX", "user/jo/Sent", "user/joey/INBOX"), store.mailboxes().listUser(DOMAIN, "*"));
        assertEquals(100, store.quotas().getUser(DOMAIN, "jo").limitKb().getAsLong());
        assertThrows(AlreadyExistsException.class, () -> store.users().rename(DOMAIN, "jo", "joey"));
    }

    @Test
    void siteAdministratorsAreUsersOfTheAdministrativeDomain() {
        store.users().add(DOMAIN, "bob");
        store.administrators().addSite(DOMAIN, "bob");
        assertEquals(List.of("bob@example.com"), store.administrators().listSite("*"));
        assertEquals(List.of("bob@example.com"), store.administrators().listSite("b?b"));
        assertThrows(AlreadyExistsException.class, () -> store.administrators().addSite(DOMAIN, "bob"));
        store.administrators().deleteSite(DOMAIN, "bob");
        assertEquals(List.of(), store.administrators().listSite("*"));
        NotFoundException e = assertThrows(NotFoundException.class, () -> store.administrators().deleteSite(DOMAIN, "bob"));
        assertEquals("no such site administrator: bob@example.com", e.getMessage());
        assertThrows(NotFoundException.class, () -> store.administrators().addSite(DOMAIN, "nobody"));
    }

    @Test
    void domainAdministratorsAreListedPerDomainAndGoWithTheirUser() {
        store.users().add(DOMAIN, "ann");
        store.users().add(DOMAIN, "al");
        store.administrators().addDomain(DOMAIN, "ann");
        store.administrators().addDomain(DOMAIN, "al");
        assertEquals(List.of("al", "ann"), store.administrators().listDomain(DOMAIN, "a*"));
        assertEquals(List.of(), store.administrators().listSite("*"));
        store.administrators().deleteDomain(DOMAIN, "al");
        store.users().delete(DOMAIN, "ann");
        assertEquals(List.of(), store.administrators().listDomain(DOMAIN, "*"));
    }
}
