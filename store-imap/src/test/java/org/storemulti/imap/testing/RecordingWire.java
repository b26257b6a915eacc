package org.storemulti.imap.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.storemulti.imap.net.Wire;

/** A wire with no socket: records each write as one piece (a write is one socket write on a real connection). */
public final class RecordingWire implements Wire {

    /** Each write, its octets as ISO-8859-1. */
    public final List<String> writes = new ArrayList<>();
    /** Every octet written, in order. */
    public final ByteArrayOutputStream all = new ByteArrayOutputStream();

    @Override
    public void write(ByteBuffer bytes) {
        byte[] b = new byte[bytes.remaining()];
        bytes.get(b);
        writes.add(new String(b, StandardCharsets.ISO_8859_1));
        all.writeBytes(b);
    }

    @Override
    public void transfer(FileChannel file, long position, long count) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) count);
        file.read(b, position);
        b.flip();
        write(b);
    }

    @Override
    public boolean tlsAvailable() {
        return false;
    }

    @Override
    public void startTls() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean secure() {
        return false;
    }

    @Override
    public boolean local() {
        return true;
    }

    @Override
    public SocketAddress remoteAddress() {
        return null;
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public void close() {
    }
}
