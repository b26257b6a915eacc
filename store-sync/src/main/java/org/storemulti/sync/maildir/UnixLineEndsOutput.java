package org.storemulti.sync.maildir;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a message with Unix line ends, as Dovecot and every maildir writer on Unix do: each
 * CRLF becomes LF, any other byte passes. Counts what Dovecot puts in the file name: the
 * bytes written ({@code S=}) and the size with every bare LF counted as CRLF ({@code W=}, what
 * IMAP clients see as RFC822.SIZE).
 */
final class UnixLineEndsOutput extends OutputStream {

    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int used;
    private boolean pendingCr;
    private long written;
    private long bareLfs;
    private byte lastWritten;

    UnixLineEndsOutput(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (pendingCr) {
                pendingCr = false;
                if (c == '\n') {
                    emit((byte) '\n');
                    continue;
                }
                emit((byte) '\r');
            }
            if (c == '\r') {
                pendingCr = true;
            } else {
                emit(c);
            }
        }
    }

    private void emit(byte c) throws IOException {
        if (c == '\n' && lastWritten != '\r') {
            bareLfs++;
        }
        lastWritten = c;
        if (used == buffer.length) {
            out.write(buffer, 0, used);
            used = 0;
        }
        buffer[used++] = c;
        written++;
    }

    /** Writes what is buffered, a held-back CR included; the underlying stream stays open. */
    void finish() throws IOException {
        if (pendingCr) {
            pendingCr = false;
            emit((byte) '\r');
        }
        out.write(buffer, 0, used);
        used = 0;
        out.flush();
    }

    /** Bytes written: the file's size. */
    long size() {
        return written;
    }

    /** The size with CRLF line ends. */
    long virtualSize() {
        return written + bareLfs;
    }
}
