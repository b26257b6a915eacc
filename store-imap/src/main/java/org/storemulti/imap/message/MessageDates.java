package org.storemulti.imap.message;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as IMAP shows and compares them. The store keeps an internal date as an instant,
 * so INTERNALDATE and the internal-date SEARCH keys (BEFORE, ON, SINCE) use one zone, the
 * server's, as Dovecot does; the sent-date keys (SENTBEFORE, SENTON, SENTSINCE) take the
 * day written in the Date header, "disregarding time and timezone" (RFC 3501 6.4.4).
 */
public final class MessageDates {

    private static final DateTimeFormatter INTERNAL = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss xx",
            Locale.ENGLISH);
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    /** RFC 5322 date: [day-of-week ","] day month year; obsolete two- and three-digit years too. */
    private static final Pattern DATE = Pattern.compile("(\\d{1,2})\\s+([A-Za-z]{3})[a-z]*\\s+(\\d{2,4})\\b");

    private final ZoneId zone;

    /** Dates in {@code zone} (the server's: {@code ZoneId.systemDefault()}). */
    public MessageDates(ZoneId zone) {
        this.zone = zone;
    }

    /** INTERNALDATE's {@code date-time}: {@code 17-Jul-1996 02:44:25 -0700}. */
    public String internalDate(Instant instant) {
        return INTERNAL.format(instant.atZone(zone));
    }

    /** The day of an internal date, for BEFORE, ON and SINCE. */
    public LocalDate day(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    /** The day a Date header names, or empty when it names none. */
    public static Optional<LocalDate> sentDay(String dateHeader) {
        if (dateHeader == null) {
            return Optional.empty();
        }
        Matcher m = DATE.matcher(dateHeader);
        if (!m.find()) {
            return Optional.empty();
        }
        int month = MONTHS.indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
        int year = Integer.parseInt(m.group(3));
        if (m.group(3).length() < 4) {
            year += year < 50 ? 2000 : 1900; // RFC 5322 4.3: obsolete years
        }
        try {
            return month == 0 ? Optional.empty() : Optional.of(LocalDate.of(year, month, Integer.parseInt(m.group(1))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
