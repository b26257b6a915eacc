package org.storemulti.imap.parse;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * RFC 3501 dates: {@code date} ({@code 1-Feb-1994}, optionally quoted) for SEARCH, and
 * {@code date-time} ({@code "17-Jul-1996 02:44:25 -0700"}) for APPEND.
 */
final class Dates {

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");

    private Dates() {
    }

    /** {@code date}: date-text, bare or in double quotes. */
    static LocalDate date(Cursor in) throws ParseException {
        boolean quoted = in.tryChar('"');
        LocalDate date = dateText(in, false);
        if (quoted) {
            in.expect('"', "'\"' closing the date");
        }
        return date;
    }

    /** {@code date-time}: always quoted; the day may be padded with a space. */
    static OffsetDateTime dateTime(Cursor in) throws ParseException {
        in.expect('"', "'\"' starting a date-time such as \"17-Jul-1996 02:44:25 -0700\"");
        in.tryChar(' ');
        LocalDate date = dateText(in, true);
        in.expect(' ', "a space before the time");
        int hour = twoDigits(in, "the hour");
        in.expect(':', "':' in the time");
        int minute = twoDigits(in, "the minutes");
        in.expect(':', "':' in the time");
        int second = twoDigits(in, "the seconds");
        in.expect(' ', "a space before the zone");
        int sign = in.tryChar('+') ? 1 : in.tryChar('-') ? -1 : 0;
        if (sign == 0) {
            throw in.error("'+' or '-' starting the zone");
        }
        int hours = twoDigits(in, "the zone's hours");
        int minutes = twoDigits(in, "the zone's minutes");
        in.expect('"', "'\"' closing the date-time");
        try {
            return OffsetDateTime.of(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), hour, minute, second, 0,
                    ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
        } catch (DateTimeException e) {
            throw new ParseException("invalid date-time: " + e.getMessage());
        }
    }

    private static LocalDate dateText(Cursor in, boolean fixed) throws ParseException {
        int day = (int) in.number("the day of the month");
        in.expect('-', "'-' after the day");
        String month = in.letters("the month (Jan ... Dec)");
        in.expect('-', "'-' after the month");
        int year = (int) in.number("the year");
        int m = MONTHS.indexOf(month.toUpperCase(Locale.ROOT)) + 1;
        if (m == 0) {
            throw new ParseException("invalid month \"" + month + "\": expected Jan, Feb, ... Dec");
        }
        if (year < 1000 || year > 9999 || (fixed && day > 31)) {
            throw new ParseException("invalid date: " + day + "-" + month + "-" + year);
        }
        try {
            return LocalDate.of(year, m, day);
        } catch (DateTimeException e) {
            throw new ParseException("invalid date " + day + "-" + month + "-" + year + ": " + e.getMessage());
        }
    }

    private static int twoDigits(Cursor in, String what) throws ParseException {
        int first = in.peek();
        if (first < '0' || first > '9') {
            throw in.error("two digits for " + what);
        }
        in.tryChar((char) first);
        int second = in.peek();
        if (second < '0' || second > '9') {
            throw in.error("two digits for " + what);
        }
        in.tryChar((char) second);
        return (first - '0') * 10 + (second - '0');
    }
}
