package org.storemulti.sync.mbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Bytes {@code [start, end)} of a file, read by position so several readers can share one channel. */
final class RegionInput extends InputStream {

    private final FileChannel channel;
    private long position;
    private final long end;

    RegionInput(FileChannel channel, long start, long end) {
        this.channel = channel;
        this.position = start;
        this.end = end;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (position >= end) {
            return -1;
        }
        int want = (int) Math.min(len, end - position);
        int n = channel.read(ByteBuffer.wrap(b, off, want), position);
        if (n < 0) {
            throw new java.io.EOFException("file shorter than expected: ended at " + position + " of " + end);
        }
        position += n;
        return n;
    }
}
