package org.storemulti.imap.parse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

import org.storemulti.imap.command.Literal;

/**
 * Where the framer puts a literal's octets as they arrive: a byte array of exactly the
 * announced size, or a spool file (mode 0600, in the directory the session names) for a
 * literal too large for memory. {@link #close()} without {@link #finish()} (the client
 * went away mid-literal) deletes the spool file: nothing half-received stays behind.
 */
public abstract sealed class LiteralSink implements AutoCloseable {

    /** A sink that holds {@code size} octets in memory, or empty when {@code memory} cannot spare them. */
    public static Optional<LiteralSink> inMemory(int size, InputMemory memory) {
        return memory.take(size) ? Optional.of(new Memory(size, memory)) : Optional.empty();
    }

    /** A sink that spools to a new file in {@code directory}. */
    public static LiteralSink spool(Path directory) throws IOException {
        return new Spool(directory);
    }

    abstract void write(ByteBuffer bytes) throws IOException;

    /** Whether the octets are held on the heap. */
    abstract boolean inMemory();

    abstract Literal finish() throws IOException;

    @Override
    public abstract void close();

    private static final class Memory extends LiteralSink {
        private final byte[] bytes;
        private final InputMemory memory;
        private int length;
        private boolean handedOver;

        Memory(int size, InputMemory memory) {
            this.bytes = new byte[size];
            this.memory = memory;
        }

        @Override
        void write(ByteBuffer in) {
            int n = in.remaining();
            in.get(bytes, length, n);
            length += n;
        }

        @Override
        boolean inMemory() {
            return true;
        }

        @Override
        Literal finish() {
            handedOver = true;
            return new Literal.InMemory(bytes, () -> memory.give(bytes.length));
        }

        @Override
        public void close() {
            if (!handedOver) {
                handedOver = true;
                memory.give(bytes.length);
            }
        }
    }

    private static final class Spool extends LiteralSink {
        private static final Set<String> POSIX = Set.of("posix");
        private final Path file;
        private final SeekableByteChannel channel;
        private long size;
        private boolean finished;

        Spool(Path directory) throws IOException {
            file = directory.getFileSystem().supportedFileAttributeViews().containsAll(POSIX)
                    ? Files.createTempFile(directory, "literal-", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(directory, "literal-", ".tmp");
            channel = Files.newByteChannel(file, StandardOpenOption.WRITE);
        }

        @Override
        void write(ByteBuffer in) throws IOException {
            while (in.hasRemaining()) {
                size += channel.write(in);
            }
        }

        @Override
        boolean inMemory() {
            return false;
        }

        @Override
        Literal finish() throws IOException {
            channel.close();
            finished = true;
            return new Literal.Spooled(file, size);
        }

        @Override
        public void close() {
            try {
                channel.close();
                if (!finished) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot remove spooled literal " + file, e);
            }
        }
    }
}
