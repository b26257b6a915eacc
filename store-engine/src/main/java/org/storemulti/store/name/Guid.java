package org.storemulti.store.name;

import java.util.concurrent.ThreadLocalRandom;
import org.storemulti.store.error.InvalidArgumentException;

/**
 * A message or mailbox GUID: 32 lower-case hex digits (128 bits), the form Dovecot uses, so
 * that two stores (or a sync peer) can tell the same message from a look-alike. New ones are
 * random; the API passes them as plain strings and this record checks them.
 */
public record Guid(String value) {

    public Guid {
        if (value == null || value.length() != 32) {
            throw new InvalidArgumentException("GUID", String.valueOf(value), "expected 32 hex digits");
        }
        for (char c : value.toCharArray()) {
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                throw new InvalidArgumentException("GUID", value, "expected 32 lower-case hex digits");
            }
        }
    }

    /** A new random GUID. */
    public static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return hex(random.nextLong()) + hex(random.nextLong());
    }

    private static String hex(long bits) {
        String digits = Long.toHexString(bits);
        return "0".repeat(16 - digits.length()) + digits;
    }

    @Override
    public String toString() {
        return value;
    }
}
