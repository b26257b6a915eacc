package org.storemulti.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.admin.Instance.Result;
import org.storemulti.store.Store;
import org.storemulti.store.auth.Authentication;

/** bulkadd and bulkdel: the seed's line formats and options, bad lines by number, summaries. */
class BulkTest {

    @TempDir
    Path root;
    Instance instance;

    @BeforeEach
    void createInstance() {
        instance = new Instance(root);
    }

    private Path data(String text) throws IOException {
        Path file = root.resolve("bulk.txt");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void goodLinesAreAppliedAndBadOnesReportedByNumber() {
        Path file = Fixtures.admin("bulkadd-mixed.txt");
        Result r = instance.run("bulkadd", file.toString());
        assertEquals(1, r.status());
        assertEquals("bulkadd: 10 lines read, 4 users added, 2 domains created, 1 domain quotas set, 4 lines failed\n",
                r.out());
        assertEquals(file + ":6: user already exists: ann@example.com\n"
                + file + ":7: invalid user name \"../x\": contains '/'\n"
                + file + ":8: invalid quota \"12x\": expected kilobytes as a whole number\n"
                + file + ":10: invalid password scheme \"{MD5}\": accepted: SHA512-CRYPT, PBKDF2\n", r.err());
        assertEquals("user/ann/INBOX\nuser/bob/INBOX\n", instance.ok("-d", "example.com", "mbox_user_list"));
        assertEquals("ann\nanonymous\nanyone\nbob\nerin\n", instance.ok("-d", "example.com", "user_list"));
        assertEquals("1000 0\n", instance.ok("-d", "example.com", "quota_user_get", "ann"));
        assertEquals("none 0\n", instance.ok("-d", "new.org", "quota_user_get", "carol"));
        assertEquals("new.org enabled=1 anonymous=1 quota=5000 used=0\n", instance.ok("domain_get", "new.org"));
        try (Store store = instance.open()) {
            assertTrue(store.authAccounts().authenticate("bob", "bobpw", "example.com").accepted());
            assertTrue(store.authAccounts().authenticate("carol", "pass:word", "new.org").accepted());
            assertEquals(Authentication.Outcome.WRONG_PASSWORD,
                    store.authAccounts().authenticate("ann", "again", "example.com").outcome());
        }
    }

    /** Issue 17 item 14: a byte that is not UTF-8 refuses its line, named with file, line and column. */
    @Test
    void aLineThatIsNotUtf8IsRefusedAloneWithFileLineAndColumn() {
        Path file = Fixtures.admin("bulkadd-latin1.txt");
        Result r = instance.run("bulkadd", file.toString());
        assertEquals(new Result(1, "bulkadd: 4 lines read, 2 users added, 1 domains created, 0 domain quotas set,"
                + " 1 lines failed\n", file + ":3: not valid UTF-8 (byte 0xe9 at column 16): line skipped, save the file"
                + " as UTF-8\n"), r);
        assertEquals("ann\nanonymous\nanyone\nbob\n", instance.ok("-d", "example.com", "user_list"));
    }

    @Test
    void commandLineValuesFillEmptyFieldsOnly() throws IOException {
        instance.ok("domain_add", "other.org");
        Path file = data("::pw1:::\nexample.com:ann:pw2:500:0:\n");
        Result r = instance.run("bulkadd", "-d", "other.org", "-q", "2000", "-n", file.toString());
        assertEquals(1, r.status());
        assertEquals(file + ":1: a user line needs <user> (a domain line is <domain>:::<quota>:)\n", r.err());
        assertEquals("500 0\n", instance.ok("-d", "example.com", "quota_user_get", "ann"));
        assertEquals("", instance.ok("-d", "example.com", "mbox_user_list"));
    }

    @Test
    void dashOOverridesTheFileWithTheOptionsGiven() throws IOException {
        Path file = data("a.org:ann:pw:100:1:\n:bob:pw:::\n");
        Result r = instance.run("bulkadd", "-O", "-d", "example.com", "-q", "2000", file.toString());
        assertEquals(0, r.status(), r.toString());
        assertEquals("2000 0\n", instance.ok("-d", "example.com", "quota_user_get", "ann"));
        assertEquals("2000 0\n", instance.ok("-d", "example.com", "quota_user_get", "bob"));
        assertEquals("example.com\n", instance.ok("domain_list"));
        assertEquals("user/ann/INBOX\nuser/bob/INBOX\n", instance.ok("-d", "example.com", "mbox_user_list"));
    }

    @Test
    void withoutDashOTheFileWinsAndDashNOnlyFillsEmptyInboxFields() throws IOException {
        Path file = data("a.org:ann:pw:100:1:\n:bob:pw:::\n");
        assertEquals(0, instance.run("bulkadd", "-n", "-d", "example.com", "-q", "2000", file.toString()).status());
        assertEquals("100 0\n", instance.ok("-d", "a.org", "quota_user_get", "ann"));
        assertEquals("user/ann/INBOX\n", instance.ok("-d", "a.org", "mbox_user_list"));
        assertEquals("2000 0\n", instance.ok("-d", "example.com", "quota_user_get", "bob"));
        assertEquals("", instance.ok("-d", "example.com", "mbox_user_list"));
    }

    @Test
    void quotaZeroMeansNoQuotaAndMissingDomainsAreCreated() throws IOException {
        Path file = data("fresh.org:ann:pw:0:1:\n");
        assertEquals(0, instance.run("msadm_bulkadd", "-q", "300", file.toString()).status());
        assertEquals("none 0\n", instance.ok("-d", "fresh.org", "quota_user_get", "ann"));
    }

    @Test
    void dashVPrintsTheLinesAsInterpretedWithoutPasswords() throws IOException {
        Path file = data("x.org:ann:secret:7:0:\nx.org:::9:\n");
        Result r = instance.run("bulkadd", "-v", file.toString());
        assertEquals(file + ":1: domain=x.org user=ann password=set quota=7 inbox=0\n"
                + file + ":2: domain=x.org quota=9\n"
                + "bulkadd: 2 lines read, 1 users added, 1 domains created, 1 domain quotas set, 0 lines failed\n",
                r.out());
    }

    @Test
    void aLineIsAllOrNothingTheDomainItCreatedGoesWithIt() throws IOException {
        instance.ok("domain_add", "example.com");
        instance.ok("auth_add", "taken", "pw");
        Path file = data("brand.new:taken:pw:::\n");
        Result r = instance.run("bulkadd", file.toString());
        assertEquals(1, r.status());
        assertEquals(file + ":1: auth account already exists: taken\n", r.err());
        assertEquals("example.com\n", instance.ok("domain_list"));
    }

    @Test
    void malformedLinesSayWhatIsExpected() throws IOException {
        Path file = data("just-a-name\nx.org:ann:pw:1:maybe:\n");
        Result r = instance.run("bulkadd", file.toString());
        assertEquals(file + ":1: expected <domain>:<user>:<passwd>:<quota>:<inbox>: or <domain>:::<quota>:\n"
                + file + ":2: invalid <inbox> \"maybe\": expected 1 or 0\n", r.err());
    }

    @Test
    void aMissingDataFileIsOneLine() {
        Result r = instance.run("bulkadd", root.resolve("none").toString());
        assertEquals(new Result(1, "", "storeadm: fatal: open " + root.resolve("none")
                + ": No such file or directory\n"), r);
    }

    @Test
    void bulkdelDeletesUsersAndWholeDomainsAndReportsBadLines() {
        instance.run("bulkadd", Fixtures.admin("bulkadd-mixed.txt").toString());
        Path file = Fixtures.admin("bulkdel-mixed.txt");
        Result r = instance.run("msadm_bulkdel", file.toString());
        assertEquals(1, r.status());
        assertEquals("bulkdel: 5 lines read, 2 users deleted, 1 domains deleted, 2 lines failed\n", r.out());
        assertEquals(file + ":3: no such user: nobody@example.com\n"
                + file + ":4: expected <user>@<domain>, or @<domain> to delete the domain\n", r.err());
        assertEquals("example.com\n", instance.ok("domain_list"));
        assertEquals("anonymous\nanyone\nbob\n", instance.ok("-d", "example.com", "user_list"));
        // a domain's deletion keeps password accounts, as domain_del does (seed table 12-4)
        assertEquals("bob 0 1\ncarol 0 1\n", instance.ok("auth_list"));
    }
}
