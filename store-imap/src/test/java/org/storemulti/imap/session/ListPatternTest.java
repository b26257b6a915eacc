package org.storemulti.imap.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** LIST patterns: RFC 3501's wildcards and INBOX rule, checked against a regular expression on seeded random data. */
class ListPatternTest {

    @Test
    void starCrossesLevelsPercentDoesNotAndTheReferenceIsJoinedWithASeparator() {
        assertTrue(ListPattern.of("", "*").matches("Work/2024/Q1"));
        assertFalse(ListPattern.of("", "%").matches("Work/2024"));
        assertTrue(ListPattern.of("Work", "%").matches("Work/2024"));
        assertEquals("Work/%", ListPattern.of("Work", "%").text());
        assertEquals("Work/%", ListPattern.of("Work/", "%").text());
        assertTrue(ListPattern.of("", "inbox").matches("INBOX"));
        assertTrue(ListPattern.of("", "in%/x").matches("INBOX/x"));
        assertFalse(ListPattern.of("", "inbox").matches("INBOXES"));
        assertFalse(ListPattern.of("", "work").matches("Work"));
    }

    @Test
    void thousandsOfWildcardsAgainstALongNameAnswerAtOnce() {
        String name = "a".repeat(200) + "/" + "a".repeat(200);
        assertFalse(ListPattern.of("", "%*".repeat(3000) + "b").matches(name));
        assertTrue(ListPattern.of("", "*a".repeat(300) + "%*%".repeat(1000)).matches(name));
    }

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void matchingAgreesWithTheEquivalentRegularExpression(long seed) {
        Random random = new Random(seed);
        String name = word(random, "ab/", 1 + random.nextInt(8));
        String pattern = word(random, "ab/*%", random.nextInt(8));
        Pattern regex = Pattern.compile(pattern.chars().mapToObj(c -> switch (c) {
            case '*' -> ".*";
            case '%' -> "[^/]*";
            default -> Pattern.quote(Character.toString(c));
        }).reduce("", String::concat));
        assertEquals(regex.matcher(name).matches(), ListPattern.of("", pattern).matches(name), pattern + " ~ " + name);
    }

    private static String word(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
