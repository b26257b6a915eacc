package org.storemulti.iterate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An output stream that passes on whole lines only, each prefixed (e.g. {@code store-a: }),
 * written to the shared target under one lock: instances running at the same time
 * never interleave mid-line. A last line without a newline gets one on close.
 */
final class PrefixedLines extends OutputStream {

    private final byte[] prefix;
    private final OutputStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);

    /** Lines to {@code target}, each after {@code prefix}; writers sharing a target lock on it. */
    public PrefixedLines(String prefix, OutputStream target) {
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
        this.target = target;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i + 1 - start);
                emit();
                start = i + 1;
            }
        }
        line.write(bytes, start, end - start);
    }

    /** Whole lines are passed on as they complete; a partial line waits for its end. */
    @Override
    public void flush() {
    }

    @Override
    public synchronized void close() throws IOException {
        if (line.size() > 0) {
            line.write('\n');
            emit();
        }
    }

    private void emit() throws IOException {
        synchronized (target) {
            target.write(prefix);
            line.writeTo(target);
            target.flush();
        }
        line.reset();
    }
}
