package org.storemulti.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.db.Migrations;
import org.storemulti.store.error.AlreadyExistsException;
import org.storemulti.store.error.InvalidNameException;
import org.storemulti.store.mailbox.Recipients.Resolution;
import org.storemulti.store.name.LocalPartRule;
import org.storemulti.store.name.UserName;

/** The one local-part rule: case-insensitive users that keep their spelling, details split at a delimiter. */
class RecipientsTest {

    private static final String DOMAIN = "example.com";
    private static final LocalPartRule PLUS = new LocalPartRule("+");

    @TempDir
    Path data;

    private static Resolution found(String user, String mailbox) {
        return new Resolution.Found(DOMAIN, user, mailbox);
    }

    @Test
    void userNamesMatchWithoutRegardToAsciiCaseAndKeepTheirSpelling() {
        try (Store store = Store.open(data)) {
            store.domains().add(DOMAIN);
            store.mailboxes().addUser(DOMAIN, "MixedCase");
            for (String written : List.of("MixedCase", "mixedcase", "MIXEDCASE")) {
                assertEquals(found("MixedCase", "user/MixedCase/INBOX"), store.recipients().resolve(DOMAIN, written, PLUS));
            }
            assertEquals(found("MixedCase", "user/MixedCase/INBOX"),
                    store.recipients().resolve("Example.COM", "mixedcase", PLUS), "domains too");
            assertEquals(List.of("MixedCase"), store.users().list(DOMAIN, "M*"));
        }
    }

    @Test
    void aCaseVariantOfAUserCannotBeCreatedOrRenamedToButACaseChangeIsARename() {
        try (Store store = Store.open(data)) {
            store.domains().add(DOMAIN);
            store.mailboxes().addUser(DOMAIN, "Joe");
            AlreadyExistsException again = assertThrows(AlreadyExistsException.class,
                    () -> store.mailboxes().addUser(DOMAIN, "joe"));
            assertEquals("user already exists: joe@example.com (as Joe; user names ignore case)", again.getMessage());
            assertThrows(AlreadyExistsException.class, () -> store.users().add(DOMAIN, "JOE"));
            store.mailboxes().addUser(DOMAIN, "ann");
            assertThrows(AlreadyExistsException.class, () -> store.users().rename(DOMAIN, "ann", "jOE"));
            store.users().rename(DOMAIN, "Joe", "joe");
            assertEquals(List.of("joe"), store.users().list(DOMAIN, "*oe"));
            assertEquals(found("joe", "user/joe/INBOX"), store.recipients().resolve(DOMAIN, "JOE", PLUS));
        }
    }

    @Test
    void theWholeLocalPartIsTriedBeforeADetailIsSplitOffAtTheFirstDelimiter() {
        try (Store store = Store.open(data)) {
            store.domains().add(DOMAIN);
            store.mailboxes().addUser(DOMAIN, "joe");
            store.mailboxes().addUserFolder(DOMAIN, "joe", "work");
            store.mailboxes().addUserFolder(DOMAIN, "joe", "private");
            store.acls().set(DOMAIN, "user/joe/work", "anyone", "p");
            var recipients = store.recipients();
            assertEquals(found("joe", "user/joe/work"), recipients.resolve(DOMAIN, "Joe+work", PLUS));
            assertEquals(found("joe", "user/joe/INBOX"), recipients.resolve(DOMAIN, "joe+private", PLUS),
                    "a folder nobody may post to is not a detail target");
            assertEquals(found("joe", "user/joe/INBOX"), recipients.resolve(DOMAIN, "joe+nosuch+x", PLUS));
            assertEquals(found("joe", "user/joe/work"), recipients.resolve(DOMAIN, "joe-work", new LocalPartRule("+-")));
            assertEquals(new Resolution.Unknown("no such user: joe-work@example.com"), recipients.resolve(DOMAIN, "joe-work", PLUS));
            assertEquals(new Resolution.Unknown("no such user: joe+work@example.com"),
                    recipients.resolve(DOMAIN, "joe+work", LocalPartRule.NO_DETAILS));
        }
    }

    @Test
    void aUserWhoseNameHoldsTheDelimiterIsFoundByItsWholeNameAndANewOneIsRefused() throws SQLException {
        try (Store store = Store.open(data)) {
            store.domains().add(DOMAIN);
            store.mailboxes().addUser(DOMAIN, "a+b");
            store.mailboxes().addUser(DOMAIN, "a");
            assertEquals(found("a+b", "user/a+b/INBOX"), store.recipients().resolve(DOMAIN, "A+B", PLUS));
            assertEquals(found("a", "user/a/INBOX"), store.recipients().resolve(DOMAIN, "a+c", PLUS));
        }
        InvalidNameException refused = assertThrows(InvalidNameException.class,
                () -> PLUS.requireCreatable(new UserName("a+b")));
        assertEquals("invalid user name \"a+b\": contains '+', a recipient delimiter: mail to it would read as user a"
                + " with a detail", refused.getMessage());
        assertEquals(new UserName("a+b"), LocalPartRule.NO_DETAILS.requireCreatable(new UserName("a+b")));
    }

    @Test
    void unknownDomainsUsersAndUsersWithoutAnInboxAreUnknown() {
        try (Store store = Store.open(data)) {
            store.domains().add(DOMAIN);
            store.users().add(DOMAIN, "noinbox");
            var recipients = store.recipients();
            assertEquals(new Resolution.Unknown("no such domain: nosuch.example"),
                    recipients.resolve("nosuch.example", "joe", PLUS));
            assertEquals(new Resolution.Unknown("no such user: nobody@example.com"), recipients.resolve(DOMAIN, "nobody", PLUS));
            assertEquals(new Resolution.Unknown("user noinbox@example.com has no INBOX"),
                    recipients.resolve(DOMAIN, "noinbox", PLUS));
            assertEquals(new Resolution.Unknown("no such user: a/b@example.com"), recipients.resolve(DOMAIN, "a/b", PLUS));
        }
    }

    @Test
    void anUpgradedStoreKeepsUsersThatDifferOnlyInCaseAndNeverGuessesBetweenThem() throws SQLException {
        try (Store store = Store.open(data, Clock.systemUTC(), Migrations.all().subList(0, 2), false)) {
            assertEquals(2, store.schemaVersion()); // the schema-2 tables, filled below as that release did
        }
        // what an older program allowed: the same name in another case, each with its own INBOX
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("store.db"));
                Statement sql = db.createStatement()) {
            sql.executeUpdate("INSERT INTO domain (id, name, enabled, anonymous, quota_kb) VALUES (1, '" + DOMAIN
                    + "', 1, 0, NULL)");
            sql.executeUpdate("INSERT INTO store_user (id, domain_id, name) VALUES (1, 1, 'Joe')");
            sql.executeUpdate("INSERT INTO mailbox (id, domain_id, name, owner_id, uid_validity, next_uid, used_bytes)"
                    + " VALUES (1, 1, 'user/Joe/INBOX', 1, 1, 1, 0)");
            sql.executeUpdate("INSERT INTO store_user (id, domain_id, name) VALUES (100, 1, 'joe')");
            sql.executeUpdate("INSERT INTO mailbox (id, domain_id, name, owner_id, uid_validity, next_uid, used_bytes)"
                    + " VALUES (100, 1, 'user/joe/INBOX', 100, 1, 1, 0)");
        }
        assertEquals(Migrations.all().size(), Store.upgrade(data), "the upgrade does not trip over the variants");
        try (Store store = Store.open(data)) {
            assertEquals(found("Joe", "user/Joe/INBOX"), store.recipients().resolve(DOMAIN, "Joe", PLUS));
            assertEquals(found("joe", "user/joe/INBOX"), store.recipients().resolve(DOMAIN, "joe", PLUS));
            assertEquals(new Resolution.Ambiguous(List.of("Joe", "joe")), store.recipients().resolve(DOMAIN, "JOE", PLUS));
            assertEquals(List.of("Joe", "joe"), store.users().list(DOMAIN, "*oe"));
        }
    }

    @Test
    void inboxIgnoresCaseSoNoFolderCanBeASecondNameForIt() {
        try (Store store = Store.open(data)) {
            store.domains().add(DOMAIN);
            store.mailboxes().addUser(DOMAIN, "joe");
            for (String variant : List.of("inbox", "Inbox", "inbox/sub")) {
                AlreadyExistsException e = assertThrows(AlreadyExistsException.class,
                        () -> store.mailboxes().addUserFolder(DOMAIN, "joe", variant), variant);
                assertEquals("mailbox already exists: example.com user/joe/" + variant
                        + " (INBOX ignores case, RFC 3501: write INBOX)", e.getMessage());
            }
            store.mailboxes().addUserFolder(DOMAIN, "joe", "INBOX/sub");
            store.mailboxes().addUserFolder(DOMAIN, "joe", "old");
            assertThrows(AlreadyExistsException.class, () -> store.mailboxes().renameUserFolder(DOMAIN, "joe", "old", "inBox"));
            assertEquals(List.of("user/joe/INBOX", "user/joe/INBOX/sub", "user/joe/old"), store.mailboxes().listUser(DOMAIN, "*"));
        }
    }
}
