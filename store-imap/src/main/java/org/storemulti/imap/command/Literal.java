package org.storemulti.imap.command;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The octets of a literal a client sent, in memory when small, else in a spool file that
 * {@link #close()} deletes. A command that carries literals (APPEND's messages) is closed
 * once it has run, whatever the outcome, so a spool file never outlives its command.
 */
public sealed interface Literal extends AutoCloseable permits Literal.InMemory, Literal.Spooled {

    /** Number of octets. */
    long size();

    /** The octets from the start. */
    InputStream open() throws IOException;

    @Override
    void close();

    /** A literal held in memory; {@code release} runs once, on the first close (it gives the heap back). */
    final class InMemory implements Literal {
        private final byte[] bytes;
        private final AtomicReference<Runnable> release;

        public InMemory(byte[] bytes, Runnable release) {
            this.bytes = bytes;
            this.release = new AtomicReference<>(release);
        }

        public byte[] bytes() {
            return bytes;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public void close() {
            Runnable r = release.getAndSet(null);
            if (r != null) {
                r.run();
            }
        }
    }

    /** A literal spooled to {@code file}, deleted on close. */
    record Spooled(Path file, long size) implements Literal {
        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete spooled literal " + file, e);
            }
        }
    }
}
