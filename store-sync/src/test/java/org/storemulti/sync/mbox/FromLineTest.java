package org.storemulti.sync.mbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FromLineTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // Postfix local(8): two spaces, asctime in local time
        "From sender@example.org  Mon Dec  7 16:43:37 2026|sender@example.org|2026-12-07T15:43:37Z",
        "From MAILER-DAEMON Tue Jan  2 03:04:05 2024|MAILER-DAEMON|2024-01-02T02:04:05Z",
        "From joe Tue Jan 2 03:04:05 2024 +0000|joe|2024-01-02T03:04:05Z",
        "From joe Tue Jan  2 03:04:05 UTC 2024|joe|2024-01-02T03:04:05Z",
        "From joe Tue, 2 Jan 2024 03:04:05 -0130|joe|2024-01-02T04:34:05Z",
        "From joe Jan  2 03:04 2024|joe|2024-01-02T02:04:00Z",
        "From uucp!joe Tue Jan  2 03:04:05 2024 remote from mars|uucp!joe|2024-01-02T02:04:05Z",
        "From  Tue Jan  2 03:04:05 2024|''|2024-01-02T02:04:05Z",
    })
    void separatorsAsWrittenByDifferentProgramsAreRead(String line, String sender, String date) {
        FromLine.Parsed parsed = FromLine.parse(line, BERLIN);
        assertEquals(sender, parsed.sender());
        assertEquals(Instant.parse(date), parsed.date());
    }

    @ParameterizedTest
    @ValueSource(strings = {"From the desk of the director", "From: joe@example.org", "From joe", "From joe yesterday",
        "From joe Tue Feb 30 03:04:05 2024", "From here on Jan 5 we meet", "Fromjoe Tue Jan  2 03:04:05 2024"})
    void linesWithoutAReadableDateAreNotSeparators(String line) {
        assertNull(FromLine.parse(line, BERLIN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-02T03:04:05Z", "2026-03-29T01:30:00Z", "1999-12-31T23:59:59Z", "2038-01-19T03:14:08Z"})
    void whatWeWriteReadsBackToTheSecond(String date) {
        Instant instant = Instant.parse(date);
        String line = FromLine.format("a@b", instant, ZoneOffset.UTC);
        assertEquals(instant, FromLine.parse(line, ZoneOffset.UTC).date());
        assertEquals("a@b", FromLine.parse(line, ZoneOffset.UTC).sender());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''|MAILER-DAEMON", "a b@c|a_b@c", "x\ty|x_y", "joe@example.org|joe@example.org"})
    void sendersAreWrittenSoTheyReadBack(String sender, String written) {
        assertEquals(written, FromLine.safeSender(sender));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2024-01-02T03:04:05Z|From x Tue Jan  2 03:04:05 2024",
        "2024-11-12T13:14:15Z|From x Tue Nov 12 13:14:15 2024"})
    void writtenInAsctimeFormWithASpacePaddedDay(String date, String line) {
        assertEquals(line, FromLine.format("x", Instant.parse(date), ZoneOffset.UTC));
    }
}
