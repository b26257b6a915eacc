package org.storemulti.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.storemulti.imap.testing.ImapClient;
import org.storemulti.imap.testing.Mail;
import org.storemulti.imap.testing.TestServer;
import org.storemulti.store.message.Flags;

/**
 * SEARCH over six messages with known flags, sizes, dates and texts: every RFC 3501 key,
 * the CONDSTORE, ESEARCH, SEARCHRES and WITHIN extensions. Internal dates are at noon UTC,
 * so the day is the same in the server's zone wherever the tests run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchTest {

    @TempDir
    static Path directory;
    private TestServer server;
    private ImapClient client;

    @BeforeAll
    void messages() throws IOException {
        server = TestServer.start(directory);
        add("From: Ann <ann@example.org>\r\nTo: joe@example.com\r\nSubject: lunch\r\n"
                + "Date: Mon, 30 Nov 2026 23:30:00 -0800\r\n\r\nShall we eat at noon?\r\n",
                Flags.of("\\Seen", "\\Answered"), "2026-11-30T12:00:00Z");
        add("From: =?iso-8859-1?q?J=F6rg?= <joerg@example.com>\r\nTo: joe@example.com\r\n"
                + "Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\nDate: Tue, 1 Dec 2026 08:00:00 +0100\r\n"
                + "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Sch=F6ne Gr=FC=DFe aus K=F6ln\r\n", Flags.of("\\Flagged", "$Work"), "2026-12-01T12:00:00Z");
        add("From: bob@example.org\r\nTo: joe@example.com, carl@example.net\r\nCc: dora@example.com\r\n"
                + "Subject: report\r\nDate: 2 Dec 2026 10:00:00 GMT\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee the "
                + "attachment\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64"
                + "\r\n\r\nUXVhcnRlcmx5IG51bWJlcnM6IOKCrCA0Mg==\r\n--b--\r\n",
                Flags.of("\\Deleted"), "2026-12-02T12:00:00Z");
        add("From: ann@example.org\r\nSubject: big\r\nDate: Thu, 3 Dec 2026 09:00:00 +0000\r\n\r\n"
                + "x".repeat(5000) + "\r\n", Flags.of("\\Draft", "$work"), "2026-12-03T12:00:00Z");
        add("From: eve@example.net\r\nSubject: hello\r\nX-Spam: yes\r\n\r\nno date here\r\n", Flags.NONE,
                "2026-12-04T12:00:00Z");
        add("From: ann@example.org\r\nSubject: hello again\r\nDate: nonsense\r\n\r\nthe last one\r\n",
                Flags.of("\\Seen"), "2026-12-05T12:00:00Z");
        client = server.connect().greetedAndLoggedIn();
        client.command("s", "SELECT INBOX");
        Mail.deliver(server.store(), TestServer.USER, Mail.simple("seventh", "arrives after SELECT"));
        client.command("n", "NOOP"); // 7 is recent for this session, 1-6 were too
    }

    private void add(String message, Flags flags, String date) {
        Mail.append(server.store(), message.getBytes(StandardCharsets.ISO_8859_1), flags, Instant.parse(date));
    }

    @AfterAll
    void stop() throws IOException {
        client.close();
        server.close();
    }

    @ParameterizedTest(name = "SEARCH {0} finds {1}")
    @CsvSource(delimiter = '|', value = {
        "ALL | 1 2 3 4 5 6 7",
        "SEEN | 1 6",
        "UNSEEN | 2 3 4 5 7",
        "ANSWERED | 1",
        "UNANSWERED DELETED | 3",
        "FLAGGED | 2",
        "DRAFT | 4",
        "UNDRAFT UNDELETED UNFLAGGED UNSEEN | 5 7",
        "KEYWORD $WORK | 2 4",
        "UNKEYWORD $Work | 1 3 5 6 7",
        "RECENT | 1 2 3 4 5 6 7",
        "NEW | 2 3 4 5 7",
        "OLD | ''",
        "2:4 | 2 3 4",
        "5:* | 5 6 7",
        "*:6 | 6 7",
        "1,3,9 | 1 3",
        "UID 2:3,6 | 2 3 6",
        "UID 100:* | 7",
        "LARGER 1000 | 4",
        "SMALLER 100 | 5 6",
        "BEFORE 1-Dec-2026 | 1",
        "ON 2-Dec-2026 | 3",
        "SINCE 3-Dec-2026 | 4 5 6 7",
        "SENTBEFORE 1-Dec-2026 | 1 7",
        "SENTON 30-Nov-2026 | 1",
        "SENTON 1-Dec-2026 | 2",
        "SENTSINCE 2-Dec-2026 | 3 4",
        "FROM ann | 1 4 6 7",
        "FROM JÖRG | 2",
        "SUBJECT grüße | 2",
        "TO carl | 3",
        "CC dora | 3",
        "BCC dora | ''",
        "HEADER X-Spam yes | 5",
        "HEADER X-Spam '' | 5",
        "HEADER Date '' | 1 2 3 4 6 7",
        "BODY noon | 1",
        "BODY 'schöne grüße' | 2",
        "BODY €\u00a042 | ''",
        "BODY 'numbers: €' | 3",
        "BODY attachment | 3",
        "BODY lunch | ''",
        "TEXT lunch | 1",
        "TEXT 'no date' | 5",
        "OR FLAGGED DRAFT | 2 4",
        "NOT OR SEEN DELETED | 2 4 5 7",
        "(OR 1 2) (OR 2 3) | 2",
        "OR (FROM ann SMALLER 200) HEADER X-Spam yes | 1 5 6 7",
    })
    void everyKeyFindsItsMessages(String criteria, String expected) throws IOException {
        List<String> lines = client.command("s", "SEARCH " + literals(criteria));
        assertEquals(List.of(("* SEARCH " + expected).trim(), "s OK SEARCH completed"), lines);
    }

    /** Quoted ('') or bare strings with non-ASCII characters go as LITERAL+ literals with CHARSET UTF-8. */
    private static String literals(String criteria) {
        if (criteria.chars().allMatch(ch -> ch < 128)) {
            return criteria.replace("'", "\"");
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([^']*)'|(\\S+)").matcher(criteria);
        StringBuilder out = new StringBuilder("CHARSET UTF-8");
        while (m.find()) {
            String token = m.group(1) != null ? m.group(1) : m.group(2);
            boolean ascii = token.chars().allMatch(ch -> ch < 128);
            out.append(' ').append(ascii ? (m.group(1) != null ? "\"" + token + "\"" : token)
                    : "{" + token.getBytes(StandardCharsets.UTF_8).length + "+}\r\n" + token);
        }
        return out.toString();
    }

    @Test
    void nonAsciiStringsTravelAsLiteralsInTheirCharset() throws IOException {
        byte[] word = "grüße".getBytes(StandardCharsets.UTF_8);
        client.send("c SEARCH CHARSET UTF-8 SUBJECT {" + word.length + "}\r\n");
        assertTrue(client.line().startsWith("+ "));
        client.send(word).send("\r\n");
        assertEquals(List.of("* SEARCH 2", "c OK SEARCH completed"), client.until("c"));
        byte[] latin = "GRÜSSE".getBytes(StandardCharsets.ISO_8859_1);
        client.send("l SEARCH CHARSET ISO-8859-1 BODY {" + latin.length + "}\r\n");
        client.line();
        client.send(latin).send("\r\n");
        assertEquals(List.of("* SEARCH", "l OK SEARCH completed"), client.until("l"), "ß is not SS here");
        assertEquals("b NO [BADCHARSET (UTF-8 US-ASCII)] unknown charset KLINGON",
                client.tagged("b", "SEARCH CHARSET KLINGON TEXT x"));
    }

    @Test
    void uidSearchAnswersUids() throws IOException {
        assertEquals(List.of("* SEARCH 2 4", "u OK UID SEARCH completed"), client.command("u", "UID SEARCH KEYWORD $work"));
    }

    @Test
    void esearchReturnsWhatWasAsked() throws IOException {
        assertEquals(List.of("* ESEARCH (TAG \"e\") MIN 2 MAX 7 COUNT 5 ALL 2:5,7", "e OK SEARCH completed"),
                client.command("e", "SEARCH RETURN (MIN MAX COUNT ALL) UNSEEN"));
        assertEquals(List.of("* ESEARCH (TAG \"f\") UID COUNT 0", "f OK UID SEARCH completed"),
                client.command("f", "UID SEARCH RETURN (COUNT MIN) SUBJECT nowhere"));
        assertEquals(List.of("* ESEARCH (TAG \"g\") ALL 1:7", "g OK SEARCH completed"),
                client.command("g", "SEARCH RETURN () ALL"));
    }

    @Test
    void modseqSearchesCarryTheHighestModseqFound() throws IOException {
        String line = client.command("m", "FETCH 7 MODSEQ").get(0);
        long seventh = Long.parseLong(line.replaceAll(".*MODSEQ \\((\\d+)\\).*", "$1"));
        assertEquals(List.of("* SEARCH 7 (MODSEQ " + seventh + ")", "s OK SEARCH completed"),
                client.command("s", "SEARCH MODSEQ " + seventh));
        assertEquals(List.of("* ESEARCH (TAG \"t\") COUNT 1 MODSEQ " + seventh, "t OK SEARCH completed"),
                client.command("t", "SEARCH RETURN (COUNT) MODSEQ \"/flags/\\\\draft\" all " + seventh));
    }

    @Test
    void aSavedResultIsDollarForTheCommandsThatFollow() throws IOException {
        assertEquals(List.of("v OK SEARCH completed"), client.command("v", "SEARCH RETURN (SAVE) FROM ann"));
        assertEquals(List.of("* 1 FETCH (UID 1)", "* 4 FETCH (UID 4)", "* 6 FETCH (UID 6)", "* 7 FETCH (UID 7)",
                "f OK FETCH completed"), client.command("f", "FETCH $ UID"));
        assertEquals(List.of("* SEARCH 4 6", "s OK SEARCH completed"), client.command("s", "SEARCH $ 2:6"));
        assertEquals(List.of("* SEARCH 4", "u OK UID SEARCH completed"), client.command("u", "UID SEARCH UID $ DRAFT"));
        assertEquals(List.of("* ESEARCH (TAG \"m\") MIN 1 MAX 7", "m OK SEARCH completed"),
                client.command("m", "SEARCH RETURN (SAVE MIN MAX) FROM ann"));
        assertEquals(List.of("* SEARCH 1 7", "d OK SEARCH completed"), client.command("d", "SEARCH $"));
    }

    @Test
    void youngerAndOlderCompareWithNow() throws IOException {
        assertEquals(List.of("* SEARCH 7", "y OK SEARCH completed"), client.command("y", "SEARCH YOUNGER 3600"));
        assertEquals(List.of("* SEARCH 1 2 3 4 5 6", "o OK SEARCH completed"), client.command("o", "SEARCH OLDER 3600"));
    }
}
