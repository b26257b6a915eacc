package org.storemulti.lmtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads protocol lines ending in CRLF, accepting a bare LF as well (as Postfix and Dovecot
 * do), and tells whether more input is already waiting (so pipelined replies can be sent
 * in one write).
 */
final class LineReader {

    /** A line longer than the limit; the rest of the line has been consumed. */
    static final class TooLong extends IOException {
        private static final long serialVersionUID = 1L;

        TooLong() {
            super("line too long");
        }
    }

    private final InputStream in;
    private final byte[] buffer = new byte[16384];
    private int start;
    private int end;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Whether a complete or partial line is already buffered. */
    boolean hasBufferedInput() {
        return start < end;
    }

    /**
     * The next line without its line ending, or {@code null} at end of input. A line
     * longer than {@code limit} bytes is consumed and reported as {@link TooLong};
     * {@code limit < 0} means no limit.
     */
    byte[] readLine(int limit) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        boolean tooLong = false;
        while (true) {
            if (start == end && !fill()) {
                return line.size() == 0 && !tooLong ? null : finish(line, tooLong);
            }
            int newline = indexOf((byte) '\n');
            int stop = newline < 0 ? end : newline;
            if (!tooLong) {
                line.write(buffer, start, stop - start);
                tooLong = limit >= 0 && line.size() > limit + 1;
            }
            start = newline < 0 ? end : newline + 1;
            if (newline >= 0) {
                return finish(line, tooLong);
            }
        }
    }

    /**
     * The next piece of input: up to {@code max} bytes, ending at (and including) the next
     * LF when that comes first; {@code null} at end of input. Unless input ends, a piece
     * without its LF has at least 3 bytes (or {@code max}), so a lone-dot line is always
     * seen whole. Lets DATA take lines of any length without holding one in memory whole.
     */
    byte[] readPiece(int max) throws IOException {
        while (true) {
            if (start == end && !fill()) {
                return null;
            }
            int newline = indexOf((byte) '\n');
            if (newline < 0 && end - start < Math.min(3, max) && fillMore()) {
                continue;
            }
            int stop = Math.min(newline < 0 ? end : newline + 1, start + max);
            byte[] piece = java.util.Arrays.copyOfRange(buffer, start, stop);
            start = stop;
            return piece;
        }
    }

    /** Keeps the buffered bytes and reads more after them; false at end of input. */
    private boolean fillMore() throws IOException {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
        start = 0;
        int n = in.read(buffer, end, buffer.length - end);
        if (n <= 0) {
            return false;
        }
        end += n;
        return true;
    }

    private static byte[] finish(ByteArrayOutputStream line, boolean tooLong) throws TooLong {
        if (tooLong) {
            throw new TooLong();
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            return java.util.Arrays.copyOf(bytes, length - 1);
        }
        return bytes;
    }

    private int indexOf(byte b) {
        for (int i = start; i < end; i++) {
            if (buffer[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        start = 0;
        end = n;
        return true;
    }
}
