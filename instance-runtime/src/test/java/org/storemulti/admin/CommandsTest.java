package org.storemulti.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.storemulti.admin.Instance.Result;
import org.storemulti.store.Store;
import org.storemulti.store.message.Delivery;

/** One-shot storeadm commands against a real store: output, exit codes, one-line errors. */
class CommandsTest {

    @TempDir
    Path root;
    Instance instance;

    @BeforeEach
    void createInstance() {
        instance = new Instance(root);
        instance.ok("domain_add", "example.com");
    }

    private String in(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("-d", "example.com"));
        all.addAll(List.of(args));
        return instance.ok(all.toArray(String[]::new));
    }

    private Result fails(String... args) {
        Result r = instance.run(args);
        assertEquals(1, r.status(), r.toString());
        assertEquals("", r.out());
        return r;
    }

    @Test
    void domainCommandsWorkUnderReadableAndSeedNames() {
        instance.ok("domain", "add", "other.org");
        assertEquals("example.com\nother.org\n", instance.ok("domain_list"));
        assertEquals("other.org\n", instance.ok("domain", "list", "o*"));
        instance.ok("domain_set_quota", "other.org", "2000");
        instance.ok("domain", "disable", "other.org");
        instance.ok("domain_disable_anon", "other.org");
        assertEquals("other.org enabled=0 anonymous=0 quota=2000 used=0\n", instance.ok("domain_get", "other.org"));
        instance.ok("domain_enable", "other.org");
        instance.ok("domain", "allow-anon", "other.org");
        instance.ok("domain_del_quota", "other.org");
        assertEquals("other.org enabled=1 anonymous=1 quota=none used=0\n", instance.ok("domain", "get", "other.org"));
        instance.ok("domain_rename", "other.org", "renamed.org");
        instance.ok("domain", "del", "renamed.org");
        assertEquals("example.com\n", instance.ok("domain", "list"));
    }

    @Test
    void aNewDomainHasTheImplicitUsersAnonymousAndAnyone() {
        assertEquals("anonymous\nanyone\n", in("user_list"));
    }

    @Test
    void unknownDomainIsOneLineNamingIt() {
        assertEquals("storeadm: fatal: no such domain: nowhere.org\n", fails("domain_get", "nowhere.org").err());
        assertEquals("storeadm: fatal: no such domain: nowhere.org\n",
                fails("-d", "nowhere.org", "mbox_user_add", "joe").err());
    }

    @Test
    void accountCommandsWithoutCurrentDomainTellHowToSetOne() {
        assertEquals("storeadm: fatal: no current domain: run domain_set DOMAIN first (or give storeadm -d DOMAIN)\n",
                fails("user_add", "joe").err());
    }

    @Test
    void duplicateUserIsRefused() {
        in("user_add", "joe");
        Result r = fails("-d", "example.com", "user", "add", "joe");
        assertEquals("storeadm: fatal: user already exists: joe@example.com\n", r.err());
    }

    @Test
    void userCommandsAddListRenameAndDelete() {
        in("user", "add", "joe");
        in("user_rename", "joe", "joseph");
        assertEquals("joseph\n", in("user_list", "jo*"));
        in("user_del", "joseph");
        assertEquals("", in("user_list", "jo*"));
    }

    @Test
    void badGlobIsRefusedWithTheFix() {
        assertEquals("storeadm: fatal: invalid pattern \"[a-z]*\": '[' is not supported (patterns use * and ? only)\n",
                fails("domain_list", "[a-z]*").err());
    }

    @Test
    void authGetPrintsTheSeedsThreeFields() {
        in("auth_add", "joe", "secret");
        assertEquals("joe 0 1\n", in("auth_get", "joe"));
        in("auth_disable", "joe");
        in("auth_mod", "joe", "20301231235959");
        assertEquals("joe 20301231235959 0\n", in("auth", "get", "joe"));
        in("auth_enable", "joe");
        in("auth_passwd", "joe", "other");
        in("auth_rename", "joe", "joe2");
        assertEquals("joe2 20301231235959 1\n", in("auth_list", "joe*"));
        in("auth_del", "joe2");
        assertEquals("", in("auth", "list"));
    }

    @Test
    void badExpiryDateIsRefused() {
        in("auth_add", "joe", "secret");
        assertEquals("storeadm: fatal: invalid expiration date \"2030-12-31\": expected 0 or YYYYMMDDHHNNSS\n",
                fails("auth_mod", "joe", "2030-12-31").err());
    }

    @Test
    void appendDomainAuthQualifiesAccountsOutsideTheDefaultDomain() {
        Instance other = new Instance(root.resolve("append"), "admin_append_domain_auth = yes");
        other.ok("domain_add", "example.com");
        other.ok("domain_add", "other.org");
        other.ok("-d", "other.org", "auth_add", "joe", "pw");
        other.ok("-d", "example.com", "auth_add", "ann", "pw");
        assertEquals("ann 0 1\njoe@other.org 0 1\n", other.ok("auth_list"));
        assertEquals("joe@other.org 0 1\n", other.ok("-d", "other.org", "auth_get", "joe"));
    }

    @Test
    void authAliasesQualifyBareUsersWithTheDefaultDomain() {
        in("auth_alias_add", "jworker", "joe");
        in("auth", "alias-add", "emp42", "ann@other.org");
        assertEquals("emp42 ann@other.org\njworker joe@example.com\n", in("auth_alias_list"));
        in("auth_alias_mod", "emp42", "bob");
        in("auth_alias_del", "jworker");
        assertEquals("emp42 bob@example.com\n", in("auth", "alias-list", "*"));
    }

    @Test
    void administratorsOfTheDomainAndOfTheSite() {
        in("user_add", "boss");
        in("admin_add", "boss");
        assertEquals("boss\n", in("admin_list"));
        in("admin", "del", "boss");
        assertEquals("", in("admin_list"));
        assertEquals("example.com\n", instance.ok("get_admin_domain"));
        instance.ok("site_admin_add", "boss");
        assertEquals("boss@example.com\n", instance.ok("site-admin", "list"));
        instance.ok("site_admin_del", "boss");
        assertEquals("", instance.ok("site_admin_list", "*"));
    }

    @Test
    void personalMailboxesAndSubFolders() {
        in("mbox_user_add", "joe");
        in("mailbox", "usersub-add", "joe", "Important/work");
        in("mbox_usersub_add", "joe", "Sent");
        in("mbox_usersub_rename", "joe", "Sent", "Sentmail");
        in("mbox_usersub_del", "joe", "Important/work");
        assertEquals("user/joe/INBOX\nuser/joe/Sentmail\n", in("mbox_user_list"));
        assertTrue(in("mbox_get_user_path", "joe", "INBOX").matches(".*store\\.db mailbox=\\d+ messages=.*messages\n"));
        in("mbox_user_rename", "joe", "jo");
        assertEquals("user/jo/INBOX\n", in("mailbox", "user-list", "*INBOX"));
        in("mbox_user_del", "jo");
        assertEquals("", in("mbox_user_list"));
    }

    @Test
    void sharedMailboxesAndUserToShared() {
        in("mbox_user_add", "joe");
        in("mbox_usersub_add", "joe", "company_logos");
        in("mbox_usersub_add", "joe", "company_logos/jpeg");
        in("mbox_user_to_shared", "joe", "graphics");
        assertEquals("shared/graphics\nshared/graphics/company_logos\nshared/graphics/company_logos/jpeg\n",
                in("mbox_shared_list"));
        in("mbox_shared_add", "team", "joe");
        in("mbox_shared_add", "team/sub");
        in("mbox_shared_rename", "team", "crew");
        in("mbox_shared_del", "crew/sub");
        assertEquals("shared/crew\n", in("mailbox", "shared-list", "crew*"));
        assertTrue(in("mbox_get_shared_path", "crew").contains(" mailbox="));
    }

    @Test
    void sharedMailboxWithoutOwnerOrOwnedParentIsRefused() {
        Result r = fails("-d", "example.com", "mbox_shared_add", "orphan");
        assertEquals("storeadm: fatal: mailbox example.com shared/orphan: needs an owner (no owned parent mailbox)\n",
                r.err());
    }

    @Test
    void aclSetAndGetPrintIdentifierRightsPairs() {
        in("mbox_user_add", "joe");
        assertEquals("anyone lr\njoe lrswipkxtecdan\n", in("acl_user_set", "joe", "INBOX", "anyone", "lr"));
        in("acl_user_set", "joe", "INBOX", "anyone", "+s");
        in("acl_user_del", "joe", "INBOX", "anyone", "l");
        assertEquals("anyone rs\njoe lrswipkxtecdan\n", in("acl", "user-get", "joe", "INBOX"));
        in("acl_user_del", "joe", "INBOX", "anyone");
        assertEquals("joe lrswipkxtecdan\n", in("acl_user_get", "joe", "INBOX"));
    }

    @Test
    void negativeRightsIdentifiersAreNotTakenForOptions() {
        in("mbox_user_add", "joe");
        in("user_add", "ann");
        in("acl_user_set", "joe", "INBOX", "ann", "lrw");
        assertEquals("-ann w\nann lrw\njoe lrswipkxtecdan\n", in("acl_user_set", "joe", "INBOX", "-ann", "w"));
    }

    @Test
    void sharedAcls() {
        in("mbox_user_add", "joe");
        in("mbox_shared_add", "team", "joe");
        assertEquals("anyone l\njoe lrswipkxtecdan\n", in("acl_shared_set", "team", "anyone", "l"));
        in("acl_shared_del", "team", "anyone");
        assertEquals("joe lrswipkxtecdan\n", in("acl_shared_get", "shared/team"));
    }

    @Test
    void badAclRightsStringIsRefusedAndNothingChanges() {
        in("mbox_user_add", "joe");
        Result r = fails("-d", "example.com", "acl_user_set", "joe", "INBOX", "anyone", "lrz");
        assertEquals("storeadm: fatal: invalid rights \"lrz\": unknown right 'z' (allowed: lrswipkxtecdan)\n", r.err());
        assertEquals("joe lrswipkxtecdan\n", in("acl_user_get", "joe", "INBOX"));
    }

    @Test
    void quotasPrintLimitAndUsageInKilobytes() throws Exception {
        in("mbox_user_add", "joe");
        assertEquals("none 0\n", in("quota_user_get", "joe"));
        in("quota_user_set", "joe", "2000");
        try (Store store = instance.open()) {
            store.deliver(List.of(Delivery.of("example.com", "user/joe/INBOX", new byte[3000])));
        }
        assertEquals("2000 3\n", in("quota", "user-get", "joe"));
        in("quota_user_del", "joe");
        assertEquals("none 3\n", in("quota_user_get", "joe"));
        in("mbox_shared_add", "team", "joe");
        in("quota_shared_set", "team", "100");
        assertEquals("100 0\n", in("quota_shared_get", "team"));
        in("quota_shared_del", "team");
        assertEquals("none 0\n", in("quota", "shared-get", "team"));
    }

    @Test
    void badQuotaNumberIsRefusedWithTheExpectedForm() {
        in("mbox_user_add", "joe");
        assertEquals("storeadm: fatal: invalid quota \"2MB\": expected kilobytes as a whole number\n",
                fails("-d", "example.com", "quota_user_set", "joe", "2MB").err());
    }

    @Test
    void quotaExceededDeliveryLeavesUsageUnchanged() {
        in("mbox_user_add", "joe");
        in("quota_user_set", "joe", "1");
        try (Store store = instance.open()) {
            store.deliver(List.of(Delivery.of("example.com", "user/joe/INBOX", new byte[5000])));
        }
        assertEquals("1 0\n", in("quota_user_get", "joe"));
    }

    @Test
    void mailboxStatusPrintsCountsLikeDoveadm() {
        in("mbox_user_add", "joe");
        try (Store store = instance.open()) {
            store.deliver(List.of(Delivery.of("example.com", "user/joe/INBOX", new byte[100]),
                    Delivery.of("example.com", "user/joe/INBOX", new byte[50])));
        }
        assertEquals("messages=2 unseen=2 uidnext=3 vsize=150\n",
                instance.ok("mailbox", "status", "joe@example.com"));
        assertEquals("messages=2 unseen=2 uidnext=3 vsize=150\n",
                instance.ok("mailbox", "status", "joe@example.com", "INBOX"));
        assertEquals("storeadm: fatal: no such mailbox: example.com user/joe/Nope\n",
                fails("mailbox", "status", "joe@example.com", "Nope").err());
    }

    @ParameterizedTest(name = "{0} {1} is refused and creates nothing")
    @CsvSource({"mbox_user_add, ../x", "mbox_user_add, /abs", "user_add, a/../../b", "domain_add, ../x"})
    void badNamesAreRefusedAndNothingIsCreated(String command, String name) throws Exception {
        Result r = fails("-d", "example.com", command, name);
        assertTrue(r.err().startsWith("storeadm: fatal: invalid "), r.err());
        assertEquals("anonymous\nanyone\n", in("user_list"));
        assertEquals("example.com\n", instance.ok("domain_list"));
        try (var files = Files.walk(instance.dataDirectory)) {
            assertFalse(files.anyMatch(p -> p.toString().contains("..") || p.getFileName().toString().equals("x")));
        }
    }

    @Test
    void badFolderNamesAreRefused() {
        in("mbox_user_add", "joe");
        for (String folder : List.of("../x", "a/../b", "/etc", "a\u0000b", "a\nb")) {
            Result r = fails("-d", "example.com", "mbox_usersub_add", "joe", folder);
            assertTrue(r.err().startsWith("storeadm: fatal: invalid mailbox name"), r.err());
        }
        assertEquals("user/joe/INBOX\n", in("mbox_user_list"));
    }

    @Test
    void wrongNumberOfArgumentsIsAUsageError() {
        Result r = instance.run("domain_add");
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().startsWith("storeadm: usage: Missing required parameter: 'DOMAIN'"), r.err());
    }

    @Test
    void anOptionalArgumentLeftOutIsNotAnEmptyOne() {
        in("mbox_user_add", "joe");
        in("mbox_shared_add", "team", "joe");
        in("mbox_shared_add", "team/sub");
        assertEquals("anyone l\njoe lrswipkxtecdan\n", in("acl_shared_set", "team/sub", "anyone", "l"));
    }

    @Test
    void helpListsBothNamesOfACommand() {
        String help = instance.ok("domain", "--help");
        assertTrue(help.contains("add ") && help.contains("(also: domain_add)"), help);
        assertTrue(instance.ok("help", "acl_user_set").contains("USER MAILBOX IDENTIFIER RIGHTS"));
    }

    @Test
    void missingConfigurationNamesTheFile() {
        Result r = Instance.raw("-c", root.resolve("nowhere").toString(), "domain_list");
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("storeadm: fatal: open " + root.resolve("nowhere")), r.err());
    }
}
