package org.storemulti.sync.mbox;

import java.io.IOException;
import java.io.InputStream;

/**
 * A read buffer that lets the mbox code look at the start of each line (for {@code From }
 * separators, {@code >From } quoting and header names) without ever holding a whole line:
 * lines may be megabytes long (an attachment without line ends), messages hundreds.
 */
final class LineBuffer {

    /** Enough to see a line's quoting or header name; longer prefixes are left alone. */
    static final int LOOKAHEAD = 512;

    private final InputStream in;
    private final byte[] buffer;
    private int pos;
    private int limit;
    private long consumed;
    private boolean eof;

    /** Reads {@code in}, whose first byte is at file offset {@code base}. */
    LineBuffer(InputStream in, int size, long base) {
        this.in = in;
        this.buffer = new byte[Math.max(size, LOOKAHEAD * 2)];
        this.consumed = base;
    }

    /** The file offset of {@link #at at(0)}. */
    long position() {
        return consumed;
    }

    /** Makes at least {@code n} bytes available at {@code pos} if the stream has them; returns how many are. */
    int fill(int n) throws IOException {
        if (limit - pos >= n || eof) {
            return limit - pos;
        }
        if (pos > 0) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        while (limit < n && !eof) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                eof = true;
            } else {
                limit += read;
            }
        }
        return limit - pos;
    }

    /** Bytes available now without reading; reads more if none are. Zero means end of stream. */
    int available() throws IOException {
        return pos < limit ? limit - pos : fill(1);
    }

    byte at(int i) {
        return buffer[pos + i];
    }

    /** True if the available bytes start with {@code prefix} at offset {@code i}. */
    boolean startsWith(int i, byte[] prefix) {
        if (limit - pos - i < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (buffer[pos + i + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    /** Length of the available piece of the current line, including its {@code \n} if it is there. */
    int pieceLength() {
        for (int i = pos; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i - pos + 1;
            }
        }
        return limit - pos;
    }

    byte[] array() {
        return buffer;
    }

    int offset() {
        return pos;
    }

    void skip(int n) {
        pos += n;
        consumed += n;
    }
}
