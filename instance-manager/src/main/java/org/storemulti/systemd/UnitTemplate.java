package org.storemulti.systemd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.storemulti.config.ConfigException;

/**
 * One unit file template from {@code $meta_directory/systemd/}, filled in by replacing
 * {@code @NAME@} placeholders.
 *
 * <p>Every value passes through {@link #unitValue}, so a {@code %} or {@code $} in a path
 * reaches the program literally instead of being read by systemd as a specifier or a
 * variable. A placeholder the caller did not supply is an error naming the template, so a
 * typo never ships as literal text in a unit.
 */
final class UnitTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z][A-Z_]*)@");
    /** Characters that would split or quote a word in an {@code Exec*=} line. */
    private static final Pattern NEEDS_QUOTING = Pattern.compile("[\\s\"'\\\\\\p{Cntrl}]");

    private final Path source;
    private final String text;

    private UnitTemplate(Path source, String text) {
        this.source = source;
        this.text = text;
    }

    /** Reads {@code directory/name}; a missing template is a one-line error naming it. */
    static UnitTemplate read(Path directory, String name) throws IOException {
        Path source = directory.resolve(name);
        try {
            return new UnitTemplate(source, Files.readString(source, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(source.toString(), null,
                    "unit template missing: check meta_directory in the primary's main.cf");
        }
    }

    /** The template text with every placeholder replaced by its (already escaped) value. */
    String fill(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                throw new IllegalStateException(source + ":" + line + ": unknown placeholder " + m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * {@code value} as one word of a unit file's {@code Exec*=} line: {@code %} doubled
     * (specifiers) and {@code $} doubled (variables).
     *
     * @param what names the value in the error, e.g. {@code /etc/store/main.cf:9: command_directory}
     * @throws ConfigException if the value holds white space, a quote, a backslash
     *     or a control character, which a unit file word cannot carry unquoted
     */
    static String unitValue(String what, String value) {
        if (NEEDS_QUOTING.matcher(value).find()) {
            throw new ConfigException(what + " = " + value
                    + ": systemd units cannot use a path with white space, quotes or backslashes");
        }
        return value.replace("%", "%%").replace("$", "$$");
    }
}
