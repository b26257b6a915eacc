package org.storemulti.store.mime;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.ParserCursor;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.util.ByteArrayBuffer;

/**
 * The fields of one header block that the structure needs, parsed once. Bytes are read as
 * ISO-8859-1 (one char per byte, nothing lost) while parsing and turned into UTF-8 text at
 * the end, so an 8-bit header never fails and UTF-8 headers (RFC 6532) read right.
 * Structured values (Content-Type, Content-Disposition) go through Mime4j's field parser.
 */
final class HeaderBlock {

    private final Map<String, String> fields = new HashMap<>();

    private HeaderBlock() {
    }

    /** Whether {@code line} (bytes of one header line, without its end) starts a field: {@code name:}. */
    static boolean isFieldStart(byte[] line, int length) {
        for (int i = 0; i < length; i++) {
            int c = line[i] & 0xff;
            if (c == ':') {
                return i > 0;
            }
            if (c <= 32 || c >= 127) {
                // obsolete syntax allows white space before the colon
                return (c == ' ' || c == '\t') && i > 0 && onlyBlanksThenColon(line, i, length);
            }
        }
        return false;
    }

    private static boolean onlyBlanksThenColon(byte[] line, int from, int length) {
        for (int i = from; i < length; i++) {
            if (line[i] == ':') {
                return true;
            }
            if (line[i] != ' ' && line[i] != '\t') {
                return false;
            }
        }
        return false;
    }

    /** The first occurrence of each field of {@code header} (raw bytes, line ends included), unfolded. */
    static HeaderBlock parse(byte[] header, int length) {
        HeaderBlock block = new HeaderBlock();
        String text = new String(header, 0, length, ISO_8859_1);
        StringBuilder field = new StringBuilder();
        for (String line : text.split("\r?\n", -1)) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && field.length() > 0) {
                field.append(line);
            } else {
                block.add(field);
                field.setLength(0);
                field.append(line);
            }
        }
        block.add(field);
        return block;
    }

    private void add(StringBuilder field) {
        int colon = field.indexOf(":");
        if (colon <= 0) {
            return;
        }
        String name = field.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        fields.putIfAbsent(name, field.substring(colon + 1).trim());
    }

    /** A field's unfolded, trimmed value as UTF-8 text, or {@code null}. */
    String text(String name) {
        String raw = fields.get(name);
        return raw == null ? null : utf8(raw);
    }

    /** A structured field (Content-Type, Content-Disposition): its value and parameters. */
    Structured structured(String name) {
        String raw = fields.get(name);
        if (raw == null) {
            return null;
        }
        byte[] bytes = raw.getBytes(ISO_8859_1);
        RawBody body = RawFieldParser.DEFAULT.parseRawBody(new ByteArrayBuffer(bytes, true),
                new ParserCursor(0, bytes.length));
        List<Parameter> parameters = new ArrayList<>();
        for (NameValuePair pair : body.getParams()) {
            if (pair.getName() != null && !pair.getName().isBlank()) {
                parameters.add(new Parameter(utf8(pair.getName()), pair.getValue() == null ? "" : utf8(pair.getValue())));
            }
        }
        return new Structured(body.getValue() == null ? "" : utf8(body.getValue()).trim(), parameters);
    }

    /** A value and its {@code name=value} parameters. */
    record Structured(String value, List<Parameter> parameters) {
    }

    private static String utf8(String latin1) {
        for (int i = 0; i < latin1.length(); i++) {
            if (latin1.charAt(i) >= 0x80) {
                return new String(latin1.getBytes(ISO_8859_1), UTF_8);
            }
        }
        return latin1;
    }
}
