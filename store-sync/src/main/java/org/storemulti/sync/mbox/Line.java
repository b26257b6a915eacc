package org.storemulti.sync.mbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One line of an mbox file as the scanner sees it: where it starts, how long it is (line end
 * included) and its first bytes, enough for a separator or a header field. Reused line by line.
 */
final class Line {

    private static final int HEAD = 8192;

    long start;
    long length;
    final byte[] head = new byte[HEAD];
    int headLength;

    /** Reads the next line from {@code in}; false at the end. */
    boolean readFrom(LineBuffer in) throws IOException {
        if (in.available() == 0) {
            return false;
        }
        start = in.position();
        length = 0;
        headLength = 0;
        while (in.available() > 0) {
            int piece = in.pieceLength();
            int copy = Math.min(piece, head.length - headLength);
            System.arraycopy(in.array(), in.offset(), head, headLength, copy);
            headLength += copy;
            length += piece;
            boolean ended = in.at(piece - 1) == '\n';
            in.skip(piece);
            if (ended) {
                break;
            }
        }
        return true;
    }

    long end() {
        return start + length;
    }

    /** An empty line: just {@code \n} or {@code \r\n}. */
    boolean isBlank() {
        return length == 1 && head[0] == '\n' || length == 2 && head[0] == '\r' && head[1] == '\n';
    }

    boolean startsWith(byte[] prefix) {
        if (headLength < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The line without its line end, as far as the head holds it, one char per byte. */
    String text() {
        int n = headLength;
        if (n > 0 && head[n - 1] == '\n') {
            n--;
            if (n > 0 && head[n - 1] == '\r') {
                n--;
            }
        }
        return new String(head, 0, n, StandardCharsets.ISO_8859_1);
    }
}
