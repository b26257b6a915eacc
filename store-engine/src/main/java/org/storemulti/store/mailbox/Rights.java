package org.storemulti.store.mailbox;

import org.storemulti.store.error.InvalidArgumentException;

/**
 * A set of RFC 4314 rights, kept in the canonical order {@code lrswipkxtecdan}
 * ({@code c}, {@code d} are the obsolete RFC 2086 rights, {@code n} is RFC 5464's annotation right).
 */
public record Rights(String letters) {

    public static final String ALL_LETTERS = "lrswipkxtecdan";
    public static final Rights ALL = new Rights(ALL_LETTERS);
    public static final Rights NONE = new Rights("");

    public Rights {
        for (char c : letters.toCharArray()) {
            if (ALL_LETTERS.indexOf(c) < 0) {
                throw new InvalidArgumentException("rights", letters,
                        "unknown right '" + c + "' (allowed: " + ALL_LETTERS + ")");
            }
        }
        StringBuilder canonical = new StringBuilder();
        for (char c : ALL_LETTERS.toCharArray()) {
            if (letters.indexOf(c) >= 0) {
                canonical.append(c);
            }
        }
        letters = canonical.toString();
    }

    public boolean has(char right) {
        return letters.indexOf(right) >= 0;
    }

    public Rights plus(Rights other) {
        return new Rights(letters + other.letters);
    }

    public Rights minus(Rights other) {
        StringBuilder kept = new StringBuilder();
        for (char c : letters.toCharArray()) {
            if (!other.has(c)) {
                kept.append(c);
            }
        }
        return new Rights(kept.toString());
    }

    public boolean isEmpty() {
        return letters.isEmpty();
    }

    @Override
    public String toString() {
        return letters;
    }
}
