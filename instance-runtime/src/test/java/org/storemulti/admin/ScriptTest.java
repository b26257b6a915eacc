package org.storemulti.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.admin.Instance.Result;
import org.storemulti.store.Store;
import org.storemulti.store.auth.Authentication;

/** Script mode: the seed's example sessions, comments, help, quit, errors naming the line. */
class ScriptTest {

    @TempDir
    Path root;
    Instance instance;

    @BeforeEach
    void createInstance() {
        instance = new Instance(root, "admin_domain = example.mail2.com");
    }

    private Path script(String text) throws IOException {
        Path file = root.resolve("script");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void theSeedsJoeSessionRunsUnchangedAndCreatesTheFoldersTheSeedLists() {
        Result r = instance.run("-f", Fixtures.admin("joe-session.txt").toString());
        assertEquals(new Result(0, "", ""), r);
        assertEquals("user/joe/INBOX\nuser/joe/Important\nuser/joe/Important/fun\nuser/joe/Important/work\n"
                + "user/joe/Sentmail\n", instance.ok("-d", "example.com", "mbox_user_list"));
        assertEquals("joe 0 1\n", instance.ok("auth_get", "joe"));
        try (Store store = instance.open()) {
            Authentication login = store.authAccounts().authenticate("joe", "IamJoe!4", "example.com");
            assertEquals(new Authentication(Authentication.Outcome.ACCEPTED, "joe@example.com"), login);
        }
    }

    @Test
    void theSeedsJworkerSessionMapsTheLoginToTheAccount() {
        instance.ok("domain_add", "example.com");
        assertEquals(new Result(0, "", ""), instance.run("-f", Fixtures.admin("jworker-session.txt").toString()));
        assertEquals("jworker joe@example.com\n", instance.ok("auth_alias_list"));
        assertEquals("user/joe.worker/INBOX\n", instance.ok("-d", "example.com", "mbox_user_list"));
    }

    @Test
    void theSeedsSiteAdministratorSessionRunsUnchanged() {
        instance.ok("domain_add", "example.mail2.com");
        assertEquals(new Result(0, "", ""), instance.run("-f", Fixtures.admin("site-admin-session.txt").toString()));
        assertEquals("bobadmin@example.mail2.com\n", instance.ok("site_admin_list"));
        assertEquals("bobadmin 0 1\n", instance.ok("auth_get", "bobadmin"));
    }

    @Test
    void standardInputIsAScriptToo() {
        Result r = instance.withInput("# a comment\n\ndomain_add example.com\ndomain_list\nexit\ndomain_list\n");
        assertEquals(new Result(0, "example.com\n", ""), r);
    }

    @Test
    void aFailingLineIsNamedAndStopsTheScript() throws IOException {
        Path file = script("domain_add example.com\ndomain_set example.com\nuser_add joe\nuser_add joe\n"
                + "user_add ann\n");
        Result r = instance.run("-f", file.toString());
        assertEquals(new Result(1, "", file + ":4: user already exists: joe@example.com\n"), r);
        assertEquals("anonymous\nanyone\njoe\n", instance.ok("-d", "example.com", "user_list"));
    }

    @Test
    void withDashKTheScriptGoesOnAndStillFails() throws IOException {
        Path file = script("domain_add example.com\ndomain_set nowhere.org\nfrobnicate\ndomain_set example.com\n"
                + "user_add joe\nacl_user_set joe INBOX anyone lrz\nuser_add ann\n");
        Result r = instance.run("-k", "-f", file.toString());
        assertEquals(1, r.status());
        assertEquals(file + ":2: no such domain: nowhere.org\n"
                + file + ":3: unknown command 'frobnicate' (help lists the commands)\n"
                + file + ":6: invalid rights \"lrz\": unknown right 'z' (allowed: lrswipkxtecdan)\n", r.err());
        assertEquals("ann\nanonymous\nanyone\njoe\n", instance.ok("-d", "example.com", "user_list"));
    }

    @Test
    void usageErrorsInAScriptNameTheLine() throws IOException {
        Path file = script("domain_add\n");
        Result r = instance.run("-f", file.toString());
        assertEquals(new Result(2, "", file + ":1: usage: Missing required parameter: 'DOMAIN'"
                + " (see help domain_add)\n"), r);
    }

    @Test
    void helpInAScriptExplainsACommand() throws IOException {
        Result r = instance.run("-f", script("help auth_get\n").toString());
        assertEquals(0, r.status());
        assertEquals(true, r.out().startsWith("Usage: storeadm auth_get [--help] AUTHID"), r.out());
    }

    @Test
    void quotedWordsKeepTheirSpaces() throws IOException {
        Path file = script("domain_add example.com\ndomain_set example.com\nmbox_user_add joe\n"
                + "mbox_usersub_add joe \"My Folder\"\n");
        assertEquals(0, instance.run("-f", file.toString()).status());
        assertEquals("user/joe/My Folder\n", instance.ok("-d", "example.com", "mbox_user_list", "*My*"));
    }

    @Test
    void theShortUsersubFormNeedsAUserAddedEarlier() throws IOException {
        Path file = script("domain_add example.com\ndomain_set example.com\nmbox_usersub_add Important\n");
        Result r = instance.run("-f", file.toString());
        assertEquals(file + ":3: mbox_usersub_add: no user given and none added earlier in this session"
                + " (give USER and MAILBOX)\n", r.err());
    }

    @Test
    void aMissingScriptIsOneLine() {
        Result r = instance.run("-f", root.resolve("none").toString());
        assertEquals(new Result(1, "", "storeadm: fatal: open " + root.resolve("none")
                + ": No such file or directory\n"), r);
    }

    /** msadm_tclsh is Tcl: a {@code #} where a command starts comments out the line, quotes and all. */
    @Test
    void aHashWhereACommandStartsMakesTheLineACommentWhateverQuotesItHolds() throws IOException {
        Path file = script("# joe's mailbox\n   # an \"unbalanced quote\ndomain_add example.com\n\t#'\ndomain_list\n");
        assertEquals(new Result(0, "example.com\n", ""), instance.run("-f", file.toString()));
    }

    /**
     * A line with more words than its command takes is refused in one short line naming the
     * counts, before the command-line parser sees it (whose refusal grew with the square of
     * the words and listed them all).
     */
    @Test
    void aLineWithTwoHundredThousandArgumentsIsRefusedInOneShortLine() throws IOException {
        StringBuilder line = new StringBuilder("domain_add");
        for (int i = 0; i < 200_000; i++) {
            line.append(" d").append(i).append(".example");
        }
        Path file = script(line + "\n");
        Result r = instance.run("-f", file.toString());
        assertEquals(new Result(2, "", file + ":1: usage: domain_add takes at most 2 arguments, the line gives 200000"
                + " (see help domain_add)\n"), r);
    }
}
