package org.storemulti.imap.message;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/** A header block's fields, unfolded, with RFC 2047 encoded words decoded: what SEARCH compares. */
final class HeaderBlock {

    record Field(String name, String value) {
    }

    private HeaderBlock() {
    }

    static List<Field> fields(byte[] header) {
        List<Field> fields = new ArrayList<>();
        StringBuilder current = null;
        for (String line : decode(header).split("\r?\n", -1)) {
            if (line.isEmpty()) {
                break; // the empty line that ends the header
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append(line);
                continue;
            }
            add(fields, current);
            current = new StringBuilder(line);
        }
        add(fields, current);
        return fields;
    }

    private static void add(List<Field> fields, StringBuilder line) {
        if (line == null) {
            return;
        }
        int colon = line.indexOf(":");
        if (colon <= 0) {
            return; // not a field (a damaged header): nothing to match
        }
        String value = line.substring(colon + 1).trim();
        try {
            value = DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (IllegalArgumentException e) {
            // a malformed encoded word stays as written
        }
        fields.add(new Field(line.substring(0, colon).trim(), value));
    }

    /** UTF-8 when the octets are UTF-8, else Latin-1 (8-bit headers of old mailers). */
    private static String decode(byte[] header) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(header)).toString();
        } catch (CharacterCodingException e) {
            return new String(header, StandardCharsets.ISO_8859_1);
        }
    }
}
