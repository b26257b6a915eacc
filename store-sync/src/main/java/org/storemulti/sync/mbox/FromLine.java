package org.storemulti.sync.mbox;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code From sender date} line that starts every message of an mbox: the envelope
 * sender and the internal date, in {@code asctime} form ({@code Mon Dec  7 16:43:37 2026},
 * local time, as Postfix local(8) writes it).
 *
 * <p>A line counts as a separator only if a date can be read from it, as mutt decides; that
 * keeps an unquoted {@code From the desk of...} in an mboxcl2 body from splitting a message.
 * Read leniently: weekday optional, day and month in either order, a numeric or UTC zone
 * before or after the year, anything after the year ignored ({@code remote from host}).
 */
final class FromLine {

    static final byte[] PREFIX = "From ".getBytes(StandardCharsets.US_ASCII);

    /** Written for a message without an envelope sender (a bounce), as Postfix does. */
    static final String NO_SENDER = "MAILER-DAEMON";

    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    private static final List<String> WEEKDAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final Pattern DAY = Pattern.compile("[0-9]{1,2}");
    private static final Pattern TIME = Pattern.compile("([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?");
    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
    private static final Pattern OFFSET = Pattern.compile("[+-][0-9]{4}");
    private static final Pattern ZONE_NAME = Pattern.compile("[A-Za-z]{1,5}");
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

    /** A parsed separator. */
    record Parsed(String sender, Instant date) {
    }

    private FromLine() {
    }

    /** The separator's sender and date, or null if {@code text} is not a separator line. */
    static Parsed parse(String text, ZoneId zone) {
        if (!text.startsWith("From ")) {
            return null;
        }
        String rest = text.substring(5);
        String[] tokens = rest.strip().split("[ \t]+");
        boolean noSender = !rest.isEmpty() && (rest.charAt(0) == ' ' || rest.charAt(0) == '\t');
        if (tokens.length > 1 && !noSender) {
            Instant date = date(tokens, 1, zone);
            if (date != null) {
                return new Parsed(tokens[0], date);
            }
        }
        Instant date = date(tokens, 0, zone);
        return date == null ? null : new Parsed("", date);
    }

    /** {@code From sender date} without a line end; the sender made safe to read back. */
    static String format(String sender, Instant date, ZoneId zone) {
        return "From " + safeSender(sender) + " " + ASCTIME.format(date.atZone(zone));
    }

    static String safeSender(String sender) {
        if (sender == null || sender.isBlank()) {
            return NO_SENDER;
        }
        StringBuilder safe = new StringBuilder(sender.length());
        for (int i = 0; i < sender.length(); i++) {
            char c = sender.charAt(i);
            safe.append(c <= ' ' || c == 0x7f ? '_' : c);
        }
        return safe.toString();
    }

    private static Instant date(String[] tokens, int from, ZoneId zone) {
        int month = -1;
        int day = -1;
        int year = -1;
        java.util.regex.Matcher time = null;
        ZoneId offset = null;
        for (int i = from; i < tokens.length; i++) {
            String token = tokens[i].endsWith(",") ? tokens[i].substring(0, tokens[i].length() - 1) : tokens[i];
            String lower = token.toLowerCase(Locale.ROOT);
            boolean complete = month >= 0 && day >= 0 && year >= 0 && time != null;
            if (i == from && WEEKDAYS.contains(lower)) {
                continue;
            } else if (month < 0 && MONTHS.contains(lower)) {
                month = MONTHS.indexOf(lower) + 1;
            } else if (day < 0 && time == null && DAY.matcher(token).matches()) {
                day = Integer.parseInt(token);
            } else if (time == null && TIME.matcher(token).matches()) {
                time = TIME.matcher(token);
                time.matches();
            } else if (year < 0 && YEAR.matcher(token).matches()) {
                year = Integer.parseInt(token);
            } else if (offset == null && time != null && OFFSET.matcher(token).matches()) {
                offset = ZoneOffset.of(token.substring(0, 3) + ":" + token.substring(3));
            } else if (offset == null && time != null && ZONE_NAME.matcher(token).matches()) {
                offset = namedZone(token);
            } else if (complete) {
                break;
            } else {
                return null;
            }
        }
        if (month < 0 || day < 0 || year < 0 || time == null) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, day, Integer.parseInt(time.group(1)),
                    Integer.parseInt(time.group(2)), time.group(3) == null ? 0 : Integer.parseInt(time.group(3)));
            return local.atZone(offset != null ? offset : zone).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** UTC by any of its names; any other zone name says too little to use (EST? IST?). */
    private static ZoneId namedZone(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "UTC", "GMT", "UT", "Z" -> ZoneOffset.UTC;
            default -> null;
        };
    }
}
