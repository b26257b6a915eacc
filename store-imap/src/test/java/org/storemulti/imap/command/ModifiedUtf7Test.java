package org.storemulti.imap.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModifiedUtf7Test {

    @Test
    void theRfc3501ExampleDecodesToChineseAndJapanese() {
        assertEquals("~peter/mail/\u53f0\u5317/\u65e5\u672c\u8a9e", ModifiedUtf7.decode("~peter/mail/&U,BTFw-/&ZeVnLIqe-"));
        assertEquals("~peter/mail/&U,BTFw-/&ZeVnLIqe-", ModifiedUtf7.encode("~peter/mail/\u53f0\u5317/\u65e5\u672c\u8a9e"));
    }

    @Test
    void anAmpersandIsAmpersandDash() {
        assertEquals("Tom & Jerry", ModifiedUtf7.decode("Tom &- Jerry"));
        assertEquals("Tom &- Jerry", ModifiedUtf7.encode("Tom & Jerry"));
    }

    @Test
    void charactersOutsideTheBasicPlaneTravelAsSurrogatePairs() {
        String name = "mail \uD83D\uDCE7 box";
        assertEquals(name, ModifiedUtf7.decode(ModifiedUtf7.encode(name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "&",               // no closing dash
        "&U,BTFw",         // no closing dash
        "&AGE-",           // encodes a printable 'a'
        "&U,BTFw-&ZeVnLIqe-", // two encoded runs next to each other
        "&U,BTFx-",        // leftover bits not zero
        "&U,BTF-",         // leftover bits
        "&2D3-",           // an unpaired high surrogate
        "&3gA-",           // an unpaired low surrogate
        "&U/BTFw-",        // '/' is not modified BASE64
        "caf\u00e9",       // 8-bit octet as it came off the wire
        "tab\there",       // control character
    })
    void nonCanonicalOrInvalidSpellingsAreRefused(String wire) {
        assertThrows(ModifiedUtf7.InvalidEncodingException.class, () -> ModifiedUtf7.decode(wire));
    }

    @Test
    void aRefusalSaysWhere() {
        ModifiedUtf7.InvalidEncodingException e = assertThrows(ModifiedUtf7.InvalidEncodingException.class,
                () -> ModifiedUtf7.decode("abc&AGE-"));
        assertEquals("printable ASCII 'a' encoded (it must stand for itself) at octet 6", e.getMessage());
    }

    static Stream<String> randomNames() {
        Random random = new Random(3501);
        return IntStream.range(0, 300).mapToObj(i -> {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                int kind = random.nextInt(4);
                int cp = kind == 0 ? 0x20 + random.nextInt(0x5f)
                        : kind == 1 ? '&'
                        : kind == 2 ? 0xa0 + random.nextInt(0xd000)
                        : 0x10000 + random.nextInt(0x10000);
                s.appendCodePoint(cp);
            }
            return s.toString();
        });
    }

    @ParameterizedTest
    @MethodSource("randomNames")
    void everyNameSurvivesEncodingAndDecoding(String name) {
        String wire = ModifiedUtf7.encode(name);
        assertEquals(name, ModifiedUtf7.decode(wire));
        assertEquals(wire, ModifiedUtf7.encode(ModifiedUtf7.decode(wire)));
    }

    @Test
    void inboxIsCaseInsensitiveAndControlCharactersAreRefused() {
        assertEquals(MailboxName.INBOX, MailboxName.fromWire("inbox"));
        assertEquals("Inbox/x", MailboxName.fromWire("Inbox/x").name());
        assertThrows(ModifiedUtf7.InvalidEncodingException.class, () -> MailboxName.fromWire("&AAE-"));
        assertThrows(ModifiedUtf7.InvalidEncodingException.class, () -> MailboxName.fromWire("&AIU-"));
    }
}
