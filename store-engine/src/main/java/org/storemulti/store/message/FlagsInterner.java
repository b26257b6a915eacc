package org.storemulti.store.message;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns stored {@code system_flags} bits and {@code keywords} text into {@link Flags}, one
 * shared object per distinct combination: a 100,000-message mailbox has a handful.
 */
final class FlagsInterner {

    private final Flags[] systemOnly = new Flags[32];
    private final Map<String, Flags> withKeywords = new HashMap<>();

    Flags flags(int bits, String keywords) {
        if (keywords.isEmpty() && bits >= 0 && bits < systemOnly.length) {
            Flags known = systemOnly[bits];
            if (known == null) {
                known = Flags.fromColumns(bits, "");
                systemOnly[bits] = known;
            }
            return known;
        }
        return withKeywords.computeIfAbsent(bits + " " + keywords, k -> Flags.fromColumns(bits, keywords));
    }
}
