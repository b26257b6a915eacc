package org.storemulti.sync.mbox;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The header fields the reader needs from one message (first occurrence, unfolded), gathered line by line. */
final class HeaderFields {

    static final String MESSAGE_ID = "message-id";
    static final String CONTENT_LENGTH = "content-length";

    private static final Set<String> WANTED = Set.of("status", "x-status", "x-keywords", "x-uid", "x-imapbase", "x-imap",
            MESSAGE_ID, CONTENT_LENGTH);
    private static final int LONGEST_VALUE = 8192;

    private final Map<String, StringBuilder> values = new HashMap<>();
    private StringBuilder current;

    void accept(Line line) {
        String text = line.text();
        if (!text.isEmpty() && (text.charAt(0) == ' ' || text.charAt(0) == '\t')) {
            if (current != null && current.length() < LONGEST_VALUE) {
                current.append(' ').append(text.strip());
            }
            return;
        }
        current = null;
        String name = fieldName(text);
        if (name != null && WANTED.contains(name) && !values.containsKey(name)) {
            current = new StringBuilder(text.substring(text.indexOf(':') + 1).strip());
            values.put(name, current);
        }
    }

    /** The lower-case field name of a header line, or null if it is none. */
    static String fieldName(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String name = text.substring(0, colon).strip();
        return name.isEmpty() || name.indexOf(' ') >= 0 ? null : name.toLowerCase(Locale.ROOT);
    }

    /** The value of {@code name} (lower case), or null. */
    String get(String name) {
        StringBuilder value = values.get(name);
        return value == null ? null : value.toString();
    }

    /** The {@code Content-Length} value, or -1 if absent or not a number. */
    long contentLength() {
        String value = get(CONTENT_LENGTH);
        return value != null && value.matches("[0-9]{1,15}") ? Long.parseLong(value) : -1;
    }
}
