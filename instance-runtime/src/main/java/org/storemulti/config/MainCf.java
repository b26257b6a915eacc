package org.storemulti.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.storemulti.fs.AccessDenied;

/**
 * The text of one main.cf and the definitions it holds, parsed the way Postfix's
 * {@code postconf} parses it: {@code name = value} logical lines, {@code #} comments,
 * blank lines, and lines starting with white space continuing the previous logical line
 * (joined by one space). The last definition of a name wins.
 *
 * <p>Immutable. {@link #edit} returns a new text in which only the touched lines differ,
 * so every untouched byte of an operator's file survives an edit.
 */
public final class MainCf {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private final String source;
    private final List<String> lines;
    private final boolean endsWithNewline;
    private final List<Definition> definitions;
    private final Map<String, Definition> effective;

    private MainCf(String source, List<String> lines, boolean endsWithNewline, List<Definition> definitions) {
        this.source = source;
        this.lines = lines;
        this.endsWithNewline = endsWithNewline;
        this.definitions = definitions;
        Map<String, Definition> last = new LinkedHashMap<>();
        for (Definition d : definitions) {
            last.remove(d.name());
            last.put(d.name(), d);
        }
        this.effective = Collections.unmodifiableMap(last);
    }

    /**
     * Reads and parses {@code file}; a missing or unreadable file, or one that is not UTF-8,
     * is a one-line error ({@code main.cf:LINE: not valid UTF-8 ...}).
     */
    public static MainCf read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("open " + file + ": No such file or directory");
        } catch (AccessDeniedException e) {
            throw new ConfigException("read " + file + ": " + AccessDenied.explain(e), e);
        } catch (FileSystemException e) {
            throw new ConfigException("read " + file + ": " + (e.getReason() != null ? e.getReason() : e.getMessage()), e);
        } catch (IOException e) {
            throw new ConfigException("read " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), Utf8Lines.text(bytes).orElseThrow(() -> {
            Utf8Lines.Line bad = Utf8Lines.firstInvalid(bytes).orElseThrow();
            return new ConfigException(file + ":" + bad.number() + ": " + bad.problem() + ": save the file as UTF-8");
        }));
    }

    /** An empty main.cf that will be known as {@code source} in messages. */
    public static MainCf empty(String source) {
        return parse(source, "");
    }

    /**
     * Parses {@code text}; {@code source} names it in errors ({@code source:line: ...}).
     *
     * @throws ConfigException on a line that is neither comment, blank, continuation
     *     nor {@code name = value}
     */
    public static MainCf parse(String source, String text) {
        boolean endsWithNewline = text.endsWith("\n");
        String body = endsWithNewline ? text.substring(0, text.length() - 1) : text;
        List<String> lines = body.isEmpty() && !endsWithNewline ? List.of() : List.of(body.split("\n", -1));
        List<Definition> definitions = new ArrayList<>();
        String name = null;
        StringBuilder value = null;
        int first = 0;
        int last = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                if (name == null) {
                    throw ConfigException.at(source, number, "continuation line without a parameter before it");
                }
                appendContinuation(value, line.strip());
                last = number;
                continue;
            }
            if (name != null) {
                definitions.add(new Definition(name, value.toString().strip(), first, last));
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw ConfigException.at(source, number, "missing '=' after parameter name: \"" + line.strip() + "\"");
            }
            name = line.substring(0, equals).strip();
            if (!NAME.matcher(name).matches()) {
                throw ConfigException.at(source, number, name.isEmpty()
                        ? "missing parameter name before '='" : "invalid parameter name \"" + name + "\"");
            }
            value = new StringBuilder(line.substring(equals + 1).strip());
            first = number;
            last = number;
        }
        if (name != null) {
            definitions.add(new Definition(name, value.toString().strip(), first, last));
        }
        return new MainCf(source, lines, endsWithNewline, List.copyOf(definitions));
    }

    private static void appendContinuation(StringBuilder value, String continuation) {
        if (value.length() > 0 && !continuation.isEmpty()) {
            value.append(' ');
        }
        value.append(continuation);
    }

    /** Where this text came from, as used in error messages. */
    public String source() {
        return source;
    }

    /** The raw value of the last definition of {@code name}, if main.cf defines it. */
    public Optional<String> value(String name) {
        Definition d = effective.get(name);
        return d == null ? Optional.empty() : Optional.of(d.value());
    }

    /** The effective definition of {@code name} (the last one), if any. */
    public Optional<Definition> definition(String name) {
        return Optional.ofNullable(effective.get(name));
    }

    /** Every name main.cf defines, with its effective raw value, in order of last definition. */
    public Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        effective.forEach((name, d) -> values.put(name, d.value()));
        return values;
    }

    /** Every definition in file order, duplicates included. */
    public List<Definition> definitions() {
        return definitions;
    }

    /** The text, byte for byte as parsed or edited. */
    public String text() {
        String joined = String.join("\n", lines);
        return endsWithNewline ? joined + "\n" : joined;
    }

    /**
     * Returns the text with {@code set} applied (each defined name rewritten in place as
     * {@code name = value}, new names appended in the map's order) and every definition of
     * the names in {@code remove} deleted. Comments and blank lines, also those inside a
     * rewritten multi-line definition, stay; nothing else changes.
     */
    public MainCf edit(Map<String, String> set, Collection<String> remove) {
        set.forEach(MainCf::checkSetting);
        remove.forEach(name -> checkSetting(name, ""));
        List<String> out = new ArrayList<>(lines.size() + set.size());
        int next = 0;
        for (Definition d : definitions) {
            boolean rewrite = set.containsKey(d.name());
            if (!rewrite && !remove.contains(d.name())) {
                continue;
            }
            out.addAll(lines.subList(next, d.firstLine() - 1));
            if (rewrite) {
                out.add(line(d.name(), set.get(d.name())));
            }
            for (String inner : lines.subList(d.firstLine(), d.lastLine())) {
                if (inner.isBlank() || inner.stripLeading().startsWith("#")) {
                    out.add(inner);
                }
            }
            next = d.lastLine();
        }
        out.addAll(lines.subList(next, lines.size()));
        boolean newline = endsWithNewline;
        for (Map.Entry<String, String> e : set.entrySet()) {
            if (!effective.containsKey(e.getKey())) {
                out.add(line(e.getKey(), e.getValue()));
                newline = true;
            }
        }
        return parse(source, String.join("\n", out) + (newline && !out.isEmpty() ? "\n" : ""));
    }

    private static String line(String name, String value) {
        return value.isEmpty() ? name + " =" : name + " = " + value;
    }

    private static void checkSetting(String name, String value) {
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException("invalid parameter name \"" + name + "\"");
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new ConfigException("parameter " + name + ": value must be one line");
        }
    }

    /**
     * Splits a {@code name=value} command-line setting (white space around {@code =}
     * allowed) into its parts.
     *
     * @throws ConfigException naming the setting when there is no {@code =} or no name
     */
    public static Map.Entry<String, String> setting(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0 || text.substring(0, equals).isBlank()) {
            throw new ConfigException("malformed parameter setting '" + text + "': expected name=value");
        }
        String name = text.substring(0, equals).strip();
        String value = text.substring(equals + 1).strip();
        checkSetting(name, value);
        return Map.entry(name, value);
    }
}
