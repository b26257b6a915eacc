package org.storemulti.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** What shape a parameter's expanded value must have; {@link #check} says what is wrong. */
public enum ParameterType {
    /** Any text. */
    STRING(".*", "text"),
    /** An absolute path (or empty where the parameter allows "none"). */
    PATH("(/.*)?", "an absolute path"),
    /** {@code yes} or {@code no}, any case (Postfix's boolean). */
    BOOLEAN("(?i)yes|no", "yes or no"),
    /** A whole number. */
    INTEGER("[0-9]+", "a whole number"),
    /** A time: a number with an optional unit s, m, h, d, w (seconds by default). */
    TIME("[0-9]+[smhdw]?", "a time such as 300s or 5m"),
    /** Single characters other than {@code @} and white space, written together ({@code +-}). */
    CHARACTERS("[^@\\s]*", "characters other than @ and white space"),
    /** Words separated by commas and/or white space. */
    LIST(".*", "a list"),
    /** A file mode in octal, as chmod takes it: {@code 0660}, {@code 660}. */
    MODE("0?[0-7]{3}", "an octal file mode such as 0660"),
    /** Listen endpoints: {@code unix:PATH} or {@code inet:HOST:PORT}, comma/space separated. */
    ENDPOINTS("(?:(?:unix:/\\S*|inet:\\S*:[0-9]+)(?:[\\s,]+|$))*", "unix:/path or inet:host:port entries"),
    /** IMAP listen entries: {@link #ENDPOINTS}' and {@code imaps:HOST:PORT} (TLS from the first octet). */
    IMAP_ENDPOINTS("(?:(?:unix:/\\S*|inet:\\S*:[0-9]+|imaps:\\S*:[0-9]+)(?:[\\s,]+|$))*",
            "unix:/path, inet:host:port or imaps:host:port entries");

    private final Pattern pattern;
    private final String expected;

    ParameterType(String regex, String expected) {
        this.pattern = Pattern.compile(regex, Pattern.DOTALL);
        this.expected = expected;
    }

    /** What a value of this type looks like, in words ("a time such as 300s or 5m"). */
    public String expected() {
        return expected;
    }

    /** Empty when {@code expandedValue} fits, else what was expected. */
    public Optional<String> check(String expandedValue) {
        return pattern.matcher(expandedValue.strip()).matches()
                ? Optional.empty() : Optional.of("expected " + expected);
    }
}
