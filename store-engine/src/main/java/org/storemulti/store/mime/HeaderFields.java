package org.storemulti.store.mime;

import java.io.ByteArrayOutputStream;
import java.util.Collection;
import java.util.Locale;

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
        String[] wanted = new String[names.size()];
        int n = 0;
        for (String name : names) {
            wanted[n++] = name.toLowerCase(Locale.ROOT);
        }
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
                keep = named(header, start, contentEnd, wanted) != exclude;
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

    /**
     * Whether the field on this line has one of the {@code wanted} (lower-case) names: its name
     * up to the colon, trimmed and read as ISO-8859-1, compared without making a string (a
     * header-list FETCH asks this for every line of every message).
     */
    private static boolean named(byte[] line, int start, int end, String[] wanted) {
        int from = start;
        int to = start;
        while (to < end && line[to] != ':') {
            to++;
        }
        while (from < to && (line[from] & 0xff) <= ' ') {
            from++;
        }
        while (to > from && (line[to - 1] & 0xff) <= ' ') {
            to--;
        }
        for (String name : wanted) {
            if (name.length() == to - from && sameName(line, from, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameName(byte[] line, int from, String name) {
        for (int i = 0; i < name.length(); i++) {
            if (Character.toLowerCase((char) (line[from + i] & 0xff)) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
