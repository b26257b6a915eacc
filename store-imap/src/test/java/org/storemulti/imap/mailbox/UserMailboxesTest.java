package org.storemulti.imap.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.storemulti.imap.command.MailboxName;

class UserMailboxesTest {

    private final UserMailboxes joe = new UserMailboxes("example.com", "Joe");

    @ParameterizedTest(name = "{0} is {2} {1}")
    @CsvSource({
        "INBOX,         user/Joe/INBOX,            PERSONAL,    INBOX",
        "inbox,         user/Joe/INBOX,            PERSONAL,    INBOX",
        "InBox/Old,     user/Joe/INBOX/Old,        PERSONAL,    INBOX/Old",
        "Sent,          user/Joe/Sent,             PERSONAL,    Sent",
        "Work/2024/Q1,  user/Joe/Work/2024/Q1,     PERSONAL,    Work/2024/Q1",
        "Inboxes,       user/Joe/Inboxes,          PERSONAL,    Inboxes",
        "Users,         user/Joe/Users,            PERSONAL,    Users",
        "Grüße,         user/Joe/Grüße,            PERSONAL,    Grüße",
        "user/bob/INBOX, user/bob/INBOX,           OTHER_USERS, user/bob/INBOX",
        "user/bob/inbox, user/bob/INBOX,           OTHER_USERS, user/bob/INBOX",
        "user/bob/Sent/x, user/bob/Sent/x,         OTHER_USERS, user/bob/Sent/x",
        "user/Joe/Sent,  user/Joe/Sent,            PERSONAL,    Sent",
        "user/joe/inbox, user/Joe/INBOX,           PERSONAL,    INBOX",
        "shared/graphics, shared/graphics,         SHARED,      shared/graphics",
        "shared/graphics/logos, shared/graphics/logos, SHARED,  shared/graphics/logos",
    })
    void imapNamesMeanTheseStoreMailboxes(String imap, String store, Namespace namespace, String canonical) {
        StoreMailbox mailbox = joe.resolve(new MailboxName(imap));
        assertEquals(store, mailbox.name());
        assertEquals(namespace, mailbox.namespace());
        assertEquals(canonical, mailbox.imapName().name());
        assertEquals("example.com", mailbox.domain());
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"", "/INBOX", "Sent/", "a//b", "a/../b", "..", ".", "a/./b", "Sent*", "a%b", "a\\b",
        "user", "user/bob", "user/bob/", "shared", "shared/", "user//INBOX", "user/b@d/INBOX", "user/a b/INBOX"})
    void namesThatCannotNameAMailboxAreRefusedWithAReason(String imap) {
        InvalidMailboxNameException e = assertThrows(InvalidMailboxNameException.class,
                () -> joe.resolve(new MailboxName(imap)));
        assertTrue(e.getMessage().contains("cannot name a mailbox: "), e.getMessage());
    }

    @Test
    void anOverlongNameIsRefused() {
        assertThrows(InvalidMailboxNameException.class, () -> joe.resolve(new MailboxName("x".repeat(1001))));
    }

    @Test
    void theRefusalSaysWhatIsWrong() {
        assertEquals("\"a/../b\" cannot name a mailbox: it has a \"..\" level",
                assertThrows(InvalidMailboxNameException.class, () -> joe.resolve(new MailboxName("a/../b")))
                        .getMessage());
        assertEquals("\"user/bob\" cannot name a mailbox: it names a user, not a mailbox; that user's mailboxes are "
                + "user/bob/INBOX and user/bob/FOLDER",
                assertThrows(InvalidMailboxNameException.class, () -> joe.resolve(new MailboxName("user/bob")))
                        .getMessage());
    }

    @ParameterizedTest(name = "{0} shows as {1}")
    @CsvSource({
        "user/Joe/INBOX,        INBOX",
        "user/Joe/INBOX/Old,    INBOX/Old",
        "user/Joe/Work/2024,    Work/2024",
        "user/bob/INBOX,        user/bob/INBOX",
        "user/bob/Trash,        user/bob/Trash",
        "shared/graphics,       shared/graphics",
    })
    void storeMailboxesShowUnderTheseImapNames(String store, String imap) {
        assertEquals(Optional.of(new MailboxName(imap)), joe.imapName(store));
        assertEquals(store, joe.resolve(new MailboxName(imap)).name());
    }

    @Test
    void personalFoldersNamedLikeANamespaceHaveNoImapName() {
        assertEquals(Optional.empty(), joe.imapName("user/Joe/user/x"));
        assertEquals(Optional.empty(), joe.imapName("user/Joe/shared"));
        assertEquals(Optional.of(new MailboxName("sharedfolder")), joe.imapName("user/Joe/sharedfolder"));
    }

    @Test
    void inboxesAndParentsAreKnown() {
        assertTrue(joe.inbox().isInbox());
        assertTrue(joe.resolve(new MailboxName("user/bob/INBOX")).isInbox());
        assertFalse(joe.resolve(new MailboxName("INBOX/sub")).isInbox());
        assertFalse(joe.resolve(new MailboxName("shared/INBOX")).isInbox());
        assertEquals(Optional.empty(), joe.inbox().parent());
        assertEquals(Optional.empty(), joe.resolve(new MailboxName("user/bob/Sent")).parent());
        assertEquals(Optional.empty(), joe.resolve(new MailboxName("shared/graphics")).parent());
        assertEquals("user/Joe/Work", joe.resolve(new MailboxName("Work/2024")).parent().orElseThrow().name());
        assertEquals("Work", joe.resolve(new MailboxName("Work/2024")).parent().orElseThrow().imapName().name());
        assertEquals("user/bob/a", joe.resolve(new MailboxName("user/bob/a/b")).parent().orElseThrow().name());
        assertEquals("shared/g", joe.resolve(new MailboxName("shared/g/l")).parent().orElseThrow().name());
        assertEquals(Optional.of("bob"), joe.resolve(new MailboxName("user/bob/a")).user());
        assertEquals(Optional.empty(), joe.resolve(new MailboxName("shared/g")).user());
    }

    @Test
    void theNamespaceResponseListsTheThreePrefixes() {
        assertEquals("((\"\" \"/\")) ((\"user/\" \"/\")) ((\"shared/\" \"/\"))", Namespace.response());
    }
}
