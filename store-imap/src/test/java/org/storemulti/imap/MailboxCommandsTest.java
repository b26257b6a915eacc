package org.storemulti.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemulti.imap.testing.ImapClient;
import org.storemulti.imap.testing.Mail;
import org.storemulti.imap.testing.TestServer;
import org.storemulti.store.mailbox.MailboxInfo;

/**
 * The mailbox commands outside the selected state over a real socket and store: CREATE,
 * DELETE, RENAME, SUBSCRIBE, LIST (with LIST-EXTENDED, LIST-STATUS, SPECIAL-USE, CHILDREN),
 * LSUB, STATUS, NAMESPACE, and bad names refused with nothing changed.
 */
class MailboxCommandsTest {

    @TempDir
    Path directory;
    private TestServer server;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start(directory);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ImapClient client() throws IOException {
        return server.connect().greetedAndLoggedIn();
    }

    /** The store's full mailbox names of the domain. */
    private Set<String> storeNames() {
        return Set.copyOf(server.store().mailboxes().all("example.com").stream().map(MailboxInfo::name).toList());
    }

    @Test
    void createMakesAPersonalFolderAndTheTrailingSeparatorIsDropped() throws IOException {
        try (ImapClient c = client()) {
            assertEquals("a OK CREATE completed", c.tagged("a", "CREATE Work/"));
            assertEquals("b OK CREATE completed", c.tagged("b", "CREATE Work/2024"));
            assertEquals("c NO [ALREADYEXISTS] Work already exists", c.tagged("c", "CREATE Work"));
            assertEquals("d NO [ALREADYEXISTS] INBOX already exists", c.tagged("d", "CREATE inbox"));
        }
        assertEquals(Set.of("user/joe/INBOX", "user/joe/Work", "user/joe/Work/2024"), storeNames());
    }

    @Test
    void listShowsChildrenNoselectParentsAndSpecialUse() throws IOException {
        try (ImapClient c = client()) {
            assertEquals("a OK CREATE completed", c.tagged("a", "CREATE Sent (USE (\\Sent))"));
            assertEquals("b OK CREATE completed", c.tagged("b", "CREATE Projects/Alpha"));
            assertEquals(List.of("* LIST (\\HasNoChildren) \"/\" INBOX",
                    "* LIST (\\Noselect \\HasChildren) \"/\" Projects",
                    "* LIST (\\HasNoChildren) \"/\" Projects/Alpha",
                    "* LIST (\\HasNoChildren \\Sent) \"/\" Sent",
                    "c OK LIST completed"), c.command("c", "LIST \"\" *"));
            assertEquals(List.of("* LIST (\\HasNoChildren) \"/\" INBOX",
                    "* LIST (\\Noselect \\HasChildren) \"/\" Projects",
                    "* LIST (\\HasNoChildren \\Sent) \"/\" Sent",
                    "d OK LIST completed"), c.command("d", "LIST \"\" %"));
            assertEquals(List.of("* LIST (\\HasNoChildren) \"/\" Projects/Alpha", "e OK LIST completed"),
                    c.command("e", "LIST Projects/ %"));
            assertEquals(List.of("* LIST (\\Noselect) \"/\" \"\"", "f OK LIST completed"), c.command("f", "LIST \"\" \"\""));
            assertEquals(List.of("* LIST (\\HasNoChildren) \"/\" INBOX", "g OK LIST completed"),
                    c.command("g", "LIST \"\" inBox"));
            assertEquals(List.of("* LIST (\\HasNoChildren \\Sent) \"/\" Sent", "h OK LIST completed"),
                    c.command("h", "LIST (SPECIAL-USE) \"\" *"));
        }
    }

    @Test
    void listExtendedSelectsSubscribedNamesAndReturnsStatus() throws IOException {
        Mail.deliver(server.store(), TestServer.USER, Mail.simple("one", "x"));
        Mail.deliver(server.store(), TestServer.USER, Mail.simple("two", "y"));
        try (ImapClient c = client()) {
            c.tagged("a", "CREATE Lists/Java");
            assertEquals("b OK SUBSCRIBE completed", c.tagged("b", "SUBSCRIBE Lists/Java"));
            assertEquals("c OK SUBSCRIBE completed", c.tagged("c", "SUBSCRIBE Gone"));
            assertEquals("d OK SUBSCRIBE completed", c.tagged("d", "SUBSCRIBE INBOX"));
            assertEquals(List.of("* LIST (\\Subscribed \\HasNoChildren) \"/\" INBOX",
                    "* LIST (\\NonExistent \\Subscribed \\HasNoChildren) \"/\" Gone",
                    "* LIST (\\Subscribed \\HasNoChildren) \"/\" Lists/Java",
                    "e OK LIST completed"), c.command("e", "LIST (SUBSCRIBED) \"\" *"));
            assertEquals(List.of("* LIST (\\NonExistent \\HasChildren) \"/\" Lists (\"CHILDINFO\" (\"SUBSCRIBED\"))",
                    "f OK LIST completed"), c.command("f", "LIST (SUBSCRIBED RECURSIVEMATCH) \"\" L%"));
            List<String> status = c.command("g", "LIST \"\" (INBOX Lists/Java) RETURN (STATUS (MESSAGES UNSEEN))");
            assertEquals(List.of("* LIST (\\HasNoChildren) \"/\" INBOX", "* STATUS INBOX (MESSAGES 2 UNSEEN 2)",
                    "* LIST (\\HasNoChildren) \"/\" Lists/Java", "* STATUS Lists/Java (MESSAGES 0 UNSEEN 0)",
                    "g OK LIST completed"), status);
            assertEquals(List.of("* LSUB () \"/\" INBOX", "* LSUB (\\Noselect) \"/\" Gone",
                    "* LSUB (\\Noselect) \"/\" Lists", "h OK LSUB completed"), c.command("h", "LSUB \"\" %"));
            assertEquals("i OK UNSUBSCRIBE completed", c.tagged("i", "UNSUBSCRIBE Gone"));
            assertEquals("j NO [NONEXISTENT] not subscribed to Gone", c.tagged("j", "UNSUBSCRIBE Gone"));
        }
    }

    @Test
    void statusAnswersFromOneReadOfTheStore() throws IOException {
        Mail.deliver(server.store(), TestServer.USER, Mail.simple("one", "x"));
        long validity = server.store().messages().status("example.com", "user/joe/INBOX").uidValidity();
        try (ImapClient c = client()) {
            List<String> lines = c.command("a", "STATUS INBOX (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN SIZE)");
            assertTrue(lines.get(0).matches("\\* STATUS INBOX \\(MESSAGES 1 RECENT 1 UIDNEXT 2 UIDVALIDITY " + validity
                    + " UNSEEN 1 SIZE \\d+\\)"), lines.get(0));
            assertEquals("a OK STATUS completed", lines.get(1));
            assertEquals("b NO [NONEXISTENT] no mailbox Nowhere", c.tagged("b", "STATUS Nowhere (MESSAGES)"));
            assertTrue(c.command("c", "STATUS INBOX (HIGHESTMODSEQ)").get(0).matches("\\* STATUS INBOX \\(HIGHESTMODSEQ \\d+\\)"));
        }
    }

    @Test
    void namespaceNamesThePersonalOtherUsersAndSharedTrees() throws IOException {
        try (ImapClient c = client()) {
            assertEquals(List.of("* NAMESPACE ((\"\" \"/\")) ((\"user/\" \"/\")) ((\"shared/\" \"/\"))",
                    "a OK NAMESPACE completed"), c.command("a", "NAMESPACE"));
        }
    }

    @Test
    void deleteRemovesTheMailboxButNotItsChildrenNorTheInbox() throws IOException {
        try (ImapClient c = client()) {
            c.tagged("a", "CREATE Work/Old");
            c.tagged("b", "CREATE Work");
            assertEquals("c OK DELETE completed", c.tagged("c", "DELETE Work"));
            assertEquals(List.of("* LIST (\\Noselect \\HasChildren) \"/\" Work", "d OK LIST completed"),
                    c.command("d", "LIST \"\" Work"));
            assertEquals("e NO [CANNOT] Work is only the parent of other mailboxes (\\Noselect): nothing to delete",
                    c.tagged("e", "DELETE Work"));
            assertEquals("f NO [CANNOT] the INBOX cannot be deleted (it goes only with its user)",
                    c.tagged("f", "DELETE INBOX"));
            assertTrue(c.tagged("g", "DELETE Nothing").startsWith("g NO [NONEXISTENT]"));
            assertTrue(c.tagged("h", "SELECT Work/Old").startsWith("h OK [READ-WRITE]"));
            assertEquals("i OK DELETE completed", c.tagged("i", "DELETE Work/Old"));
            assertEquals("j BAD FETCH needs a selected mailbox (SELECT or EXAMINE first)", c.tagged("j", "FETCH 1 FLAGS"));
        }
        assertEquals(Set.of("user/joe/INBOX"), storeNames());
    }

    @Test
    void renameMovesTheTreeAndItsSubscriptionsKeepingUidValidity() throws IOException {
        try (ImapClient c = client()) {
            c.tagged("a", "CREATE Work/2024");
            c.tagged("b", "CREATE Work");
            c.tagged("c", "SUBSCRIBE Work/2024");
            long validity = server.store().messages().status("example.com", "user/joe/Work/2024").uidValidity();
            assertEquals("d OK RENAME completed", c.tagged("d", "RENAME Work Jobs"));
            assertEquals(Set.of("user/joe/INBOX", "user/joe/Jobs", "user/joe/Jobs/2024"), storeNames());
            assertEquals(validity, server.store().messages().status("example.com", "user/joe/Jobs/2024").uidValidity());
            assertEquals(List.of("* LSUB () \"/\" Jobs/2024", "e OK LSUB completed"), c.command("e", "LSUB \"\" *"));
            assertEquals("f NO [CANNOT] cannot rename Jobs to a name below itself", c.tagged("f", "RENAME Jobs Jobs/x"));
            assertEquals("g NO [ALREADYEXISTS] Jobs/2024 already exists", c.tagged("g", "RENAME Jobs/2024 Jobs/2024"));
            assertEquals("h NO [CANNOT] a mailbox is renamed within its tree: Jobs and shared/Jobs belong to different"
                    + " users (or one is shared)", c.tagged("h", "RENAME Jobs shared/Jobs"));
        }
    }

    @Test
    void renamingTheInboxMovesItsMessagesAndLeavesItEmpty() throws IOException {
        Mail.deliver(server.store(), TestServer.USER, Mail.simple("one", "x"));
        Mail.deliver(server.store(), TestServer.USER, Mail.simple("two", "y"));
        try (ImapClient c = client()) {
            c.tagged("a", "CREATE INBOX/Child");
            assertEquals("b OK RENAME completed", c.tagged("b", "RENAME INBOX Old-mail"));
            assertEquals(List.of("* STATUS INBOX (MESSAGES 0)", "c OK STATUS completed"),
                    c.command("c", "STATUS INBOX (MESSAGES)"));
            assertEquals(List.of("* STATUS Old-mail (MESSAGES 2)", "d OK STATUS completed"),
                    c.command("d", "STATUS Old-mail (MESSAGES)"));
        }
        assertEquals(Set.of("user/joe/INBOX", "user/joe/INBOX/Child", "user/joe/Old-mail"), storeNames());
    }

    static Stream<String> badNames() {
        return Stream.of("a/../b", "..", "bad\u0001name", "tab\tname", "&AGE-", "&Jjo", "&-x&", "/leading", "a//b",
                "del\u007fete");
    }

    @ParameterizedTest
    @MethodSource("badNames")
    void aBadMailboxNameIsRefusedWithNoAndChangesNothing(String name) throws IOException {
        String quoted = name.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)
                ? "{" + name.length() + "+}\r\n" + name : "\"" + name + "\"";
        try (ImapClient c = client()) {
            c.tagged("p", "CREATE Keep");
            for (String command : List.of("CREATE " + quoted, "RENAME Keep " + quoted, "DELETE " + quoted,
                    "SUBSCRIBE " + quoted, "APPEND " + quoted + " {1+}\r\nx", "STATUS " + quoted + " (MESSAGES)")) {
                String reply = c.tagged("t", command);
                assertTrue(reply.startsWith("t NO "), command + ": " + reply);
            }
            assertEquals("q OK NOOP completed", c.tagged("q", "NOOP"));
        }
        assertEquals(Set.of("user/joe/INBOX", "user/joe/Keep"), storeNames());
        assertEquals(List.of(), server.store().subscriptions().list("example.com", "joe"));
    }
}
