package org.storemulti.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.storemulti.store.error.InvalidNameException;
import org.storemulti.store.mailbox.MailboxName;
import org.storemulti.store.name.DomainName;
import org.storemulti.store.name.FolderPath;
import org.storemulti.store.name.Glob;
import org.storemulti.store.name.UserName;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"../etc", "a/../b", "a/..", "/etc/passwd", "a//b", "a/", "a\u0000b", "a\nb", "./a", "a*", ""})
    void folderPathsThatEscapeOrHideAreRefused(String path) {
        assertThrows(InvalidNameException.class, () -> new FolderPath(path));
    }

    @Test
    void aRefusedNameSaysWhyOnOnePrintableLine() {
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> new FolderPath("a/../b"));
        assertEquals("invalid mailbox name \"a/../b\": contains a \"..\" segment", e.getMessage());
        InvalidNameException nul = assertThrows(InvalidNameException.class, () -> new UserName("jo\u0000e"));
        assertEquals("invalid user name \"jo\\u0000e\": contains a NUL character", nul.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"joe/x", "..", ".", "joe smith", "joe@example.com", "a*", ""})
    void userNamesWithPathOrAddressCharactersAreRefused(String name) {
        assertThrows(InvalidNameException.class, () -> new UserName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-a.com", "a..com", "a_b.com", ".com", "exa mple.com", "a.com."})
    void malformedDomainNamesAreRefused(String name) {
        assertThrows(InvalidNameException.class, () -> new DomainName(name));
    }

    @Test
    void domainNamesAreKeptInLowerCase() {
        assertEquals("example.com", new DomainName("Example.COM").value());
    }

    @Test
    void mailboxNamesAreEitherPersonalOrShared() {
        assertEquals("user/joe", new MailboxName("user/joe/Important/work").treeRoot());
        assertEquals("shared/graphics/logos", new MailboxName("shared/graphics/logos").treeRoot());
        assertThrows(InvalidNameException.class, () -> new MailboxName("user/joe"));
        assertThrows(InvalidNameException.class, () -> new MailboxName("public/x"));
        assertThrows(InvalidNameException.class, () -> new MailboxName("user/../INBOX"));
        assertThrows(InvalidNameException.class, () -> new MailboxName("shared/../../etc"));
    }

    @ParameterizedTest
    @CsvSource({"*,anything,true", "*,'',true", "j?e,joe,true", "j?e,jooe,false", "j*e,jooooe,true",
        "*.com,example.com,true", "*.com,example.org,false", "a*b*c,axxbyyc,true", "a*b*c,axxbyy,false",
        "joe,joe,true", "joe,joey,false", "?,'',false", "**x,ax,true"})
    void globsMatchStarAndQuestionMarkOverTheWholeName(String pattern, String text, boolean expected) {
        assertEquals(expected, new Glob(pattern).matches(text));
    }

    @Test
    void anEmptyGlobMatchesEverything() {
        assertTrue(new Glob(null).matches("x"));
        assertTrue(new Glob("").matches("y"));
        assertFalse(new Glob("x").matches("y"));
    }
}
