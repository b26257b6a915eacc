package org.storemulti.store.message;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes of one message in its immutable file, without the store's envelope line:
 * {@code size} bytes starting at {@code fileOffset}. Ranges are read straight from the file
 * (IMAP's BODY[section]&lt;partial&gt;), nothing is loaded whole; a server may also hand
 * {@link #file} and {@link #fileOffset} to {@link FileChannel#transferTo}.
 */
public final class MessageContent {

    private final Path file;
    private final long fileOffset;
    private final long size;

    MessageContent(Path file, long fileOffset, long size) {
        this.file = file;
        this.fileOffset = fileOffset;
        this.size = size;
    }

    public Path file() {
        return file;
    }

    /** Where the message starts in {@link #file} (after the envelope line). */
    public long fileOffset() {
        return fileOffset;
    }

    public long size() {
        return size;
    }

    /** The whole message as a stream; the caller closes it. */
    public InputStream open() throws IOException {
        return open(0, size);
    }

    /**
     * {@code length} bytes from {@code start} of the message as a stream, cut at its end
     * (an empty stream when {@code start} is past it); the caller closes it.
     */
    public InputStream open(long start, long length) throws IOException {
        long from = Math.min(Math.max(start, 0), size);
        long count = Math.max(0, Math.min(length, size - from));
        SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ);
        try {
            channel.position(fileOffset + from);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new Body(this, Channels.newInputStream(channel), from == 0 && count == size, count);
    }

    /**
     * A stream of a message's bytes that knows its file: a save batch of a store on the same
     * file system may hard-link that file instead of copying the stream ({@link MessageBatch#add}).
     */
    static final class Body extends FilterInputStream {
        private final MessageContent content;
        private final boolean whole;
        private long left;

        private Body(MessageContent content, InputStream in, boolean whole, long count) {
            super(in);
            this.content = content;
            this.whole = whole;
            this.left = count;
        }

        /** The message this stream reads, when it reads all of it and nothing has been read yet. */
        MessageContent unreadWhole() {
            return whole && left == content.size ? content : null;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int wanted) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(wanted, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, left));
            left -= skipped;
            return skipped;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, left);
        }
    }

    /** Up to {@code length} bytes from {@code start}, cut at the message's end (a header block, a small part). */
    public byte[] read(long start, int length) throws IOException {
        long from = Math.min(Math.max(start, 0), size);
        int count = (int) Math.max(0, Math.min(length, size - from));
        ByteBuffer buffer = ByteBuffer.allocate(count);
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ)) {
            channel.position(fileOffset + from);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // until full: a regular file returns short reads only at its end
            }
        }
        return buffer.array();
    }

    /** The whole message (for small messages; use {@link #open} for large ones). */
    public byte[] readAll() throws IOException {
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException(file + ": message of " + size + " bytes is too large to read at once");
        }
        return read(0, (int) size);
    }
}
