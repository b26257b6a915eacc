package org.storemulti.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.imap.testing.ImapClient;
import org.storemulti.imap.testing.Mail;
import org.storemulti.imap.testing.TestServer;

/**
 * RFC 4314 ACL and RFC 9208 QUOTA over the store's access lists and quotas, with a second
 * user (ann) to whom joe shares a folder: rights granted, used, enforced and taken back.
 */
class AclQuotaTest {

    @TempDir
    Path directory;
    private TestServer server;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start(directory);
        server.store().mailboxes().addUser("example.com", "ann");
        server.store().authAccounts().add("ann@example.com", "pw");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ImapClient joe() throws IOException {
        return server.connect().greetedAndLoggedIn();
    }

    private ImapClient ann() throws IOException {
        ImapClient c = server.connect();
        c.line();
        assertTrue(c.tagged("l", "LOGIN ann@example.com pw").startsWith("l OK"));
        return c;
    }

    @Test
    void theOwnerHasEveryRightAndAnotherUserNoneUntilGranted() throws IOException {
        try (ImapClient joe = joe(); ImapClient ann = ann()) {
            assertEquals("a OK CREATE completed", joe.tagged("a", "CREATE Team"));
            assertTrue(joe.command("b", "MYRIGHTS Team").get(0).startsWith("* MYRIGHTS Team lrswipkxte"));
            assertEquals(List.of("* LIST (\\HasNoChildren) \"/\" INBOX", "c OK LIST completed"),
                    ann.command("c", "LIST \"\" *"));
            assertEquals("d NO [NONEXISTENT] no mailbox user/joe/Team", ann.tagged("d", "MYRIGHTS user/joe/Team"));
            assertEquals("e NO [NONEXISTENT] no mailbox user/joe/Team", ann.tagged("e", "STATUS user/joe/Team (MESSAGES)"));

            assertEquals("f OK SETACL completed", joe.tagged("f", "SETACL Team ann@example.com lrs"));
            assertEquals(List.of("* ACL Team ann lrs joe lrswipkxtecdan", "g OK GETACL completed"),
                    joe.command("g", "GETACL Team"));
            assertEquals(List.of("* LIST (\\HasNoChildren) \"/\" INBOX", "* LIST (\\Noselect \\HasChildren) \"/\" user",
                    "* LIST (\\Noselect \\HasChildren) \"/\" user/joe", "* LIST (\\HasNoChildren) \"/\" user/joe/Team",
                    "h OK LIST completed"), ann.command("h", "LIST \"\" *"));
            assertEquals(List.of("* MYRIGHTS user/joe/Team lrs", "i OK MYRIGHTS completed"),
                    ann.command("i", "MYRIGHTS user/joe/Team"));
            assertTrue(ann.tagged("j", "SELECT user/joe/Team").startsWith("j OK [READ-WRITE]"));
            assertTrue(ann.tagged("k", "CREATE user/joe/Team/Sub").startsWith("k NO [NOPERM] "));
            assertTrue(ann.tagged("m", "DELETE user/joe/Team").startsWith("m NO [NOPERM] "));
            assertTrue(ann.tagged("n", "GETACL user/joe/Team").startsWith("n NO [NOPERM] "));
            assertTrue(ann.tagged("o", "SETACL user/joe/Team ann lrswipkxtea").startsWith("o NO [NOPERM] "));
            assertTrue(ann.tagged("p", "RENAME user/joe/Team user/joe/Mine").startsWith("p NO [NOPERM] "));

            assertEquals("q OK DELETEACL completed", joe.tagged("q", "DELETEACL Team ann"));
            assertEquals(List.of("* LIST (\\HasNoChildren) \"/\" INBOX", "r OK LIST completed"),
                    ann.command("r", "LIST \"\" *"));
        }
        assertEquals(java.util.Set.of("user/ann/INBOX", "user/joe/INBOX", "user/joe/Team"), java.util.Set.copyOf(
                server.store().mailboxes().all("example.com").stream().map(m -> m.name()).toList()));
    }

    @Test
    void setaclChangesRightsByPlusAndMinusAndRefusesUnknownOnesAndStrangers() throws IOException {
        try (ImapClient joe = joe()) {
            joe.tagged("a", "CREATE Team");
            joe.tagged("b", "SETACL Team ann lr");
            assertEquals("c OK SETACL completed", joe.tagged("c", "SETACL Team ann +wi"));
            assertEquals("d OK SETACL completed", joe.tagged("d", "SETACL Team ann -r"));
            assertEquals(List.of("* ACL Team ann lwi joe lrswipkxtecdan", "e OK GETACL completed"),
                    joe.command("e", "GETACL Team"));
            assertTrue(joe.tagged("f", "SETACL Team ann lrz").startsWith("f BAD "));
            assertEquals("g NO [CANNOT] identifiers are users of example.com and anyone, not bob@example.org",
                    joe.tagged("g", "SETACL Team bob@example.org lr"));
            assertEquals(List.of("* LISTRIGHTS Team ann \"\" l r s w i p k x t e a", "h OK LISTRIGHTS completed"),
                    joe.command("h", "LISTRIGHTS Team ann"));
            assertEquals("i OK DELETEACL completed", joe.tagged("i", "DELETEACL Team nobody"));
        }
    }

    @Test
    void quotaRootsShowTheUsersLimitAndUsage() throws IOException {
        server.store().quotas().setUser("example.com", "joe", 1000);
        Mail.deliver(server.store(), TestServer.USER, Mail.simple("big", "z".repeat(3000)));
        try (ImapClient joe = joe()) {
            assertEquals(List.of("* QUOTAROOT INBOX user/joe", "* QUOTA user/joe (STORAGE 4 1000)",
                    "a OK GETQUOTAROOT completed"), joe.command("a", "GETQUOTAROOT INBOX"));
            assertEquals(List.of("* QUOTA user/joe (STORAGE 4 1000)", "b OK GETQUOTA completed"),
                    joe.command("b", "GETQUOTA user/joe"));
            assertEquals("c NO [NONEXISTENT] no quota root user/ann", joe.tagged("c", "GETQUOTA user/ann"));
            assertEquals("d NO [NOPERM] quotas are set by the domain's administrators",
                    joe.tagged("d", "SETQUOTA user/joe (STORAGE 5000)"));
        }
        server.store().administrators().addDomain("example.com", "joe");
        try (ImapClient joe = joe()) {
            assertEquals(List.of("* QUOTA user/joe (STORAGE 4 5000)", "a OK SETQUOTA completed"),
                    joe.command("a", "SETQUOTA user/joe (STORAGE 5000)"));
            assertEquals("b NO [CANNOT] only the STORAGE resource has a limit here (in units of 1024 octets)",
                    joe.tagged("b", "SETQUOTA user/joe (MESSAGE 10)"));
            assertEquals(List.of("* QUOTA user/joe ()", "c OK SETQUOTA completed"),
                    joe.command("c", "SETQUOTA user/joe ()"));
            assertEquals("d NO [NOPERM] the domain's quota is set by a site administrator",
                    joe.tagged("d", "SETQUOTA \"\" (STORAGE 1)"));
        }
    }
}
