package org.storemulti.store.auth;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import org.storemulti.store.error.InvalidArgumentException;

/**
 * When a password expires: {@code 0} for never, otherwise {@code YYYYMMDDHHNNSS} (UTC),
 * as {@code auth_get} prints it.
 */
public record Expiry(long value) {

    /** The password never expires. */
    public static final Expiry NEVER = new Expiry(0);

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

    public Expiry {
        if (value != 0) {
            at(Long.toString(value));
        }
    }

    /** Parses {@code 0} or {@code YYYYMMDDHHNNSS}. */
    public static Expiry parse(String text) {
        if (text.equals("0")) {
            return NEVER;
        }
        at(text);
        return new Expiry(Long.parseLong(text));
    }

    private static Instant at(String text) {
        if (!text.matches("[0-9]{14}")) {
            throw new InvalidArgumentException("expiration date", text, "expected 0 or YYYYMMDDHHNNSS");
        }
        try {
            return LocalDateTime.parse(text, FORMAT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidArgumentException("expiration date", text, "no such date or time");
        }
    }

    /** Whether the password has expired at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return value != 0 && !now.isBefore(at(Long.toString(value)));
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
