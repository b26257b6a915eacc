package org.storemulti.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.auth.AuthAccount;
import org.storemulti.store.auth.AuthAlias;
import org.storemulti.store.auth.Authentication.Outcome;
import org.storemulti.store.auth.Expiry;
import org.storemulti.store.auth.PasswordHash;
import org.storemulti.store.data.DataLayout;
import org.storemulti.store.error.AlreadyExistsException;
import org.storemulti.store.error.InvalidArgumentException;
import org.storemulti.store.error.NotFoundException;

class AuthTest {

    /** From {@code openssl passwd -6 -salt abcdefgh secret}. */
    static final String OPENSSL_SHA512 =
            "$6$abcdefgh$ltjgWl6579NluT/Vi1nwEvcil.G5Nbc4NiXZaNGStk8PSwGfQv72N2CKPPrVACtLtip/cZ/1GM/O6IND4WQhG.";
    /** From Python's {@code hashlib.pbkdf2_hmac('sha1', b'secret', b'saltsalt', 5000, 20)}. */
    static final String PBKDF2 = "{PBKDF2}$1$saltsalt$5000$9d0487892cf650c51cd61d0b11d60b9c5114b27e";

    @TempDir
    Path data;
    Store store;

    @BeforeEach
    void open() {
        store = Store.open(data, Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));
        store.domains().add("example.com");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void getShowsTheSeedsThreeFields() {
        store.authAccounts().add("jworker", "iMc001");
        AuthAccount account = store.authAccounts().get("jworker");
        assertEquals(new AuthAccount("jworker", Expiry.NEVER, true), account);
        assertEquals("jworker 0 1", account.toLine());
        store.authAccounts().modifyExpiry("jworker", "20261231235959");
        store.authAccounts().disable("jworker");
        assertEquals("jworker 20261231235959 0", store.authAccounts().get("jworker").toLine());
    }

    @Test
    void plainPasswordsAreStoredOnlyAsSha512CryptHashes() throws Exception {
        store.authAccounts().add("joe", "IamJoe!4");
        store.close();
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + new DataLayout(data).database());
                var rows = connection.createStatement().executeQuery("SELECT password FROM auth_account")) {
            rows.next();
            String stored = rows.getString(1);
            assertTrue(stored.startsWith("{SHA512-CRYPT}$6$"), stored);
            assertFalse(stored.contains("IamJoe"));
        }
        store = Store.open(data);
        assertTrue(store.authAccounts().authenticate("joe", "IamJoe!4", "example.com").accepted());
        assertEquals(Outcome.WRONG_PASSWORD, store.authAccounts().authenticate("joe", "IamJoe!5", "example.com").outcome());
    }

    @Test
    void hashesMadeByOtherToolsVerify() {
        assertTrue(PasswordHash.verify("{SHA512-CRYPT}" + OPENSSL_SHA512, "secret"));
        assertFalse(PasswordHash.verify("{SHA512-CRYPT}" + OPENSSL_SHA512, "Secret"));
        assertTrue(PasswordHash.verify(PBKDF2, "secret"));
        assertFalse(PasswordHash.verify(PBKDF2, "secret2"));
    }

    @Test
    void aHashedPasswordIsStoredAsGivenAndAnUnknownSchemeIsRefused() {
        store.authAccounts().add("ann", PBKDF2);
        assertTrue(store.authAccounts().authenticate("ann", "secret", "example.com").accepted());
        store.authAccounts().setPassword("ann", "{SHA512-CRYPT}" + OPENSSL_SHA512);
        assertTrue(store.authAccounts().authenticate("ann", "secret", "example.com").accepted());
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> store.authAccounts().add("bob", "{MD5}abc"));
        assertEquals("invalid password scheme \"{MD5}\": accepted: SHA512-CRYPT, PBKDF2", e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> store.authAccounts().add("bob", "{PBKDF2}$1$x$5000$zz"));
        assertThrows(NotFoundException.class, () -> store.authAccounts().get("bob"));
    }

    @Test
    void disabledExpiredAndUnknownAccountsAreRefused() {
        store.authAccounts().add("joe", "pw");
        store.authAccounts().disable("joe");
        assertEquals(Outcome.ACCOUNT_DISABLED, store.authAccounts().authenticate("joe", "pw", "example.com").outcome());
        store.authAccounts().enable("joe");
        store.authAccounts().modifyExpiry("joe", "20260601120000");
        assertEquals(Outcome.PASSWORD_EXPIRED, store.authAccounts().authenticate("joe", "pw", "example.com").outcome());
        store.authAccounts().modifyExpiry("joe", "20260601120001");
        assertTrue(store.authAccounts().authenticate("joe", "pw", "example.com").accepted());
        assertEquals(Outcome.NO_SUCH_ACCOUNT, store.authAccounts().authenticate("x", "pw", "example.com").outcome());
    }

    @Test
    void aDisabledDomainCannotAuthenticate() {
        store.authAccounts().add("joe@example.com", "pw");
        store.domains().disable("example.com");
        assertEquals(Outcome.DOMAIN_DISABLED,
                store.authAccounts().authenticate("joe@example.com", "pw", "other.org").outcome());
        store.domains().enable("example.com");
        assertEquals("joe@example.com",
                store.authAccounts().authenticate("joe@example.com", "pw", "other.org").userId());
    }

    @Test
    void malformedExpiryDatesAreRefused() {
        store.authAccounts().add("joe", "pw");
        assertThrows(InvalidArgumentException.class, () -> store.authAccounts().modifyExpiry("joe", "2026"));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> store.authAccounts().modifyExpiry("joe", "20260230120000"));
        assertEquals("invalid expiration date \"20260230120000\": no such date or time", e.getMessage());
    }

    @Test
    void accountsAreRenamedListedAndDeleted() {
        store.authAccounts().add("a1", "pw");
        store.authAccounts().add("b1", "pw");
        store.authAccounts().rename("a1", "a2");
        assertThrows(AlreadyExistsException.class, () -> store.authAccounts().rename("a2", "b1"));
        assertEquals(List.of("a2"), store.authAccounts().list("a*").stream().map(AuthAccount::authId).toList());
        store.authAccounts().delete("a2");
        assertThrows(NotFoundException.class, () -> store.authAccounts().delete("a2"));
        assertEquals(1, store.authAccounts().list("*").size());
    }

    @Test
    void anAliasAuthorizesTheLoginAsAnotherIdentity() {
        store.authAccounts().add("jworker", "iMc001");
        store.authAliases().add("jworker", "joe.worker@example.com");
        assertEquals("joe.worker@example.com",
                store.authAccounts().authenticate("jworker", "iMc001", "other.org").userId());
        store.authAliases().modify("jworker", "joe@example.com");
        assertEquals(List.of(new AuthAlias("jworker", "joe@example.com")), store.authAliases().list("j*"));
        assertThrows(AlreadyExistsException.class, () -> store.authAliases().add("jworker", "x@example.com"));
        assertThrows(InvalidArgumentException.class, () -> store.authAliases().add("other", "joe"));
        store.authAliases().delete("jworker");
        assertEquals("jworker@example.com",
                store.authAccounts().authenticate("jworker", "iMc001", "example.com").userId());
        assertThrows(NotFoundException.class, () -> store.authAliases().delete("jworker"));
    }

    @Test
    void aLoginNameThatDiffersOnlyInCaseFindsItsAccountUnlessSeveralDo() {
        store.authAccounts().add("Joe@example.com", "pw");
        assertEquals("Joe@example.com", store.authAccounts().authenticate("JOE@EXAMPLE.COM", "pw", "x.org").userId());
        store.authAccounts().add("joe@example.com", "other");
        assertEquals("joe@example.com", store.authAccounts().authenticate("joe@example.com", "other", "x.org").userId(),
                "the exact name wins");
        assertEquals(Outcome.NO_SUCH_ACCOUNT, store.authAccounts().authenticate("JOE@example.com", "pw", "x.org").outcome(),
                "two accounts differ only in case and neither is spelled so: no guess");
    }

    @Test
    void theIdentitysDomainIsMatchedInLowerCase() {
        store.authAccounts().add("bob", "pw");
        assertEquals("bob@example.com", store.authAccounts().authenticate("bob", "pw", "EXAMPLE.com").userId());
    }
}
