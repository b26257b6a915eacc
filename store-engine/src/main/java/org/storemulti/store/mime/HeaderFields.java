package org.storemulti.store.mime;

import java.io.ByteArrayOutputStream;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Picks fields out of a raw header block, as IMAP's {@code HEADER.FIELDS} and
 * {@code HEADER.FIELDS.NOT} do: whole fields with their continuation lines, bytes unchanged,
 * in the order of the block, followed by the empty line that ends every header fetch.
 */
public final class HeaderFields {

    private HeaderFields() {
    }

    /**
     * The fields of {@code header} named in {@code names} (case-insensitive), or with
     * {@code exclude} every other field.
     */
    public static byte[] select(byte[] header, Collection<String> names, boolean exclude) {
        Set<String> wanted = new HashSet<>();
        names.forEach(name -> wanted.add(name.toLowerCase(Locale.ROOT)));
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(header.length, 4096));
        boolean keep = false;
        int start = 0;
        while (start < header.length) {
            int end = lineEnd(header, start);
            int contentEnd = end > start && header[end - 1] == '\n' ? end - 1 : end;
            if (contentEnd > start && header[contentEnd - 1] == '\r') {
                contentEnd--;
            }
            if (contentEnd == start) {
                break; // the empty line that ends the header
            }
            if (header[start] != ' ' && header[start] != '\t') {
                keep = wanted.contains(name(header, start, contentEnd)) != exclude;
            }
            if (keep) {
                out.write(header, start, end - start);
            }
            start = end;
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    private static int lineEnd(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return bytes.length;
    }

    private static String name(byte[] line, int start, int end) {
        int i = start;
        while (i < end && line[i] != ':') {
            i++;
        }
        return new String(line, start, i - start, java.nio.charset.StandardCharsets.ISO_8859_1).trim()
                .toLowerCase(Locale.ROOT);
    }
}
