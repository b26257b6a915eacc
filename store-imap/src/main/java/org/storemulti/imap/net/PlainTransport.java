package org.storemulti.imap.net;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Octets as they are; a file range goes from the page cache to the socket ({@code transferTo}). */
final class PlainTransport implements Transport {

    private final Socket socket;

    PlainTransport(Socket socket) {
        this.socket = socket;
    }

    @Override
    public int read(ByteBuffer into) throws IOException {
        return socket.read(into);
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public void write(ByteBuffer bytes) throws IOException {
        socket.writeFully(bytes);
    }

    @Override
    public void transfer(FileChannel file, long position, long count) throws IOException {
        if (position + count > file.size()) {
            throw new EOFException("the file ends at " + file.size() + ", before " + (position + count));
        }
        long done = 0;
        while (done < count) {
            long n = file.transferTo(position + done, count - done, socket.channel());
            if (n == 0) {
                socket.awaitWritable();
            }
            done += n;
        }
    }

    @Override
    public void shutdown() {
        // nothing of its own to end
    }
}
