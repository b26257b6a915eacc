package org.storemulti.imap.command;

/**
 * The mailbox-name encoding of RFC 3501 5.1.3: printable US-ASCII stands for itself,
 * {@code &} is {@code &-}, anything else is UTF-16 in modified BASE64 between {@code &}
 * and {@code -}. The decoder accepts only the one canonical spelling of each name, so two
 * spellings never name the same mailbox: no 8-bit or control octets, no encoded printable
 * ASCII, no empty or adjacent encoded runs, no leftover bits, no broken surrogate pairs.
 */
public final class ModifiedUtf7 {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

    private ModifiedUtf7() {
    }

    /** An octet string that is not a canonical modified UTF-7 name; {@link #offset()} is where. */
    public static final class InvalidEncodingException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int offset;

        InvalidEncodingException(String what, int offset) {
            super(what + " at octet " + offset);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }

    /** The wire form of {@code name}. */
    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c == '&') {
                out.append("&-");
                i++;
            } else if (c >= 0x20 && c <= 0x7e) {
                out.append(c);
                i++;
            } else {
                int end = i;
                while (end < name.length() && (name.charAt(end) < 0x20 || name.charAt(end) > 0x7e)) {
                    end++;
                }
                out.append('&');
                base64(name.substring(i, end), out);
                out.append('-');
                i = end;
            }
        }
        return out.toString();
    }

    private static void base64(String run, StringBuilder out) {
        int bits = 0;
        int buffer = 0;
        for (int i = 0; i < run.length(); i++) {
            buffer = (buffer << 16) | run.charAt(i);
            bits += 16;
            while (bits >= 6) {
                bits -= 6;
                out.append(ALPHABET.charAt((buffer >> bits) & 0x3f));
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (6 - bits)) & 0x3f));
        }
    }

    /** The name a wire form stands for; throws {@link InvalidEncodingException} unless canonical. */
    public static String decode(String wire) {
        StringBuilder out = new StringBuilder(wire.length());
        int i = 0;
        int lastRunEnd = -1;
        while (i < wire.length()) {
            char c = wire.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                String what = c < 0x20 || c == 0x7f ? "control character" : "8-bit character";
                throw new InvalidEncodingException(what + " (names are modified UTF-7, RFC 3501 5.1.3)", i);
            }
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int dash = wire.indexOf('-', i + 1);
            if (dash < 0) {
                throw new InvalidEncodingException("'&' without its closing '-'", i);
            }
            if (dash == i + 1) {
                out.append('&');
            } else {
                if (lastRunEnd == i) {
                    throw new InvalidEncodingException("two encoded runs next to each other (write them as one)", i);
                }
                decodeRun(wire, i + 1, dash, out);
                lastRunEnd = dash + 1;
            }
            i = dash + 1;
        }
        return out.toString();
    }

    private static void decodeRun(String wire, int start, int end, StringBuilder out) {
        int bits = 0;
        int buffer = 0;
        char highSurrogate = 0;
        for (int i = start; i < end; i++) {
            int value = ALPHABET.indexOf(wire.charAt(i));
            if (value < 0) {
                throw new InvalidEncodingException("'" + wire.charAt(i) + "' is not a modified BASE64 character", i);
            }
            buffer = (buffer << 6) | value;
            bits += 6;
            if (bits >= 16) {
                bits -= 16;
                char c = (char) ((buffer >> bits) & 0xffff);
                buffer &= (1 << bits) - 1;
                highSurrogate = unit(c, highSurrogate, out, i);
            }
        }
        if (bits >= 6 || buffer != 0) {
            throw new InvalidEncodingException("encoded run with leftover bits", end);
        }
        if (highSurrogate != 0) {
            throw new InvalidEncodingException("unpaired UTF-16 surrogate", end);
        }
    }

    /** Appends one decoded UTF-16 unit; returns a pending high surrogate or 0. */
    private static char unit(char c, char highSurrogate, StringBuilder out, int at) {
        if (highSurrogate != 0) {
            if (!Character.isLowSurrogate(c)) {
                throw new InvalidEncodingException("unpaired UTF-16 surrogate", at);
            }
            out.append(highSurrogate).append(c);
            return 0;
        }
        if (Character.isHighSurrogate(c)) {
            return c;
        }
        if (Character.isLowSurrogate(c)) {
            throw new InvalidEncodingException("unpaired UTF-16 surrogate", at);
        }
        if (c >= 0x20 && c <= 0x7e) {
            throw new InvalidEncodingException("printable ASCII '" + c + "' encoded (it must stand for itself)", at);
        }
        out.append(c);
        return 0;
    }
}
