package org.storemulti.store.mime;

import java.util.Arrays;
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
        return selection(names, exclude).select(header);
    }

    /** {@link #select} prepared once for many header blocks (a FETCH of thousands of messages asks the same). */
    public static Selection selection(Collection<String> names, boolean exclude) {
        char[][] wanted = new char[names.size()][];
        int n = 0;
        for (String name : names) {
            wanted[n++] = name.toLowerCase(Locale.ROOT).toCharArray();
        }
        return new Selection(wanted, exclude);
    }

    /** Some field names to keep (or, with {@code exclude}, to drop), lower-cased. */
    public static final class Selection {
        private final char[][] wanted;
        private final boolean exclude;

        private Selection(char[][] wanted, boolean exclude) {
            this.wanted = wanted;
            this.exclude = exclude;
        }

        /** The selected fields of {@code header}, then CRLF; one array of the exact size, nothing else allocated. */
        public byte[] select(byte[] header) {
            int[] kept = new int[16]; // start, end of each kept run of lines
            int runs = 0;
            int length = 2;
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
                    if (runs > 0 && kept[2 * runs - 1] == start) {
                        kept[2 * runs - 1] = end; // the run goes on
                    } else {
                        if (2 * runs == kept.length) {
                            kept = Arrays.copyOf(kept, 2 * kept.length);
                        }
                        kept[2 * runs] = start;
                        kept[2 * runs + 1] = end;
                        runs++;
                    }
                    length += end - start;
                }
                start = end;
            }
            byte[] out = new byte[length];
            int at = 0;
            for (int r = 0; r < runs; r++) {
                System.arraycopy(header, kept[2 * r], out, at, kept[2 * r + 1] - kept[2 * r]);
                at += kept[2 * r + 1] - kept[2 * r];
            }
            out[at] = '\r';
            out[at + 1] = '\n';
            return out;
        }
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
    private static boolean named(byte[] line, int start, int end, char[][] wanted) {
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
        for (char[] name : wanted) {
            if (name.length == to - from && sameName(line, from, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameName(byte[] line, int from, char[] name) {
        for (int i = 0; i < name.length; i++) {
            if (Character.toLowerCase((char) (line[from + i] & 0xff)) != name[i]) {
                return false;
            }
        }
        return true;
    }
}
