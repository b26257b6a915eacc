package org.storemulti.sync.maildir;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A message file's bytes with every bare LF made CRLF: what an IMAP server hands out for a
 * file written with Unix line ends, and what the store keeps. CRLF already there is left alone.
 */
public final class CrlfInput extends FilterInputStream {

    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean lastWasCr;
    private boolean pendingLf;

    public CrlfInput(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            if (pendingLf) {
                b[off + n++] = '\n';
                pendingLf = false;
                lastWasCr = false;
                continue;
            }
            if (position == limit) {
                if (n > 0 && in.available() <= 0) {
                    break;
                }
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    break;
                }
            }
            byte c = buffer[position++];
            if (c == '\n' && !lastWasCr) {
                b[off + n++] = '\r';
                pendingLf = true;
                continue;
            }
            b[off + n++] = c;
            lastWasCr = c == '\r';
        }
        return n == 0 ? -1 : n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        byte[] scratch = new byte[8192];
        while (skipped < n) {
            int got = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (got < 0) {
                break;
            }
            skipped += got;
        }
        return skipped;
    }

    @Override
    public int available() {
        return limit - position + (pendingLf ? 1 : 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
