package org.storemulti.imap.response;

import java.io.InputStream;
import java.nio.channels.FileChannel;

/**
 * The octets of a literal to send: a byte array, {@code size} octets of a stream, or a
 * byte range of a file (sent with {@code transferTo} when the connection is not encrypted).
 */
public sealed interface LiteralSource {

    /** Number of octets. */
    long size();

    /** Octets in memory. */
    record Bytes(byte[] bytes) implements LiteralSource {
        @Override
        public long size() {
            return bytes.length;
        }
    }

    /** The next {@code size} octets of {@code stream} (which must have them). */
    record Stream(InputStream stream, long size) implements LiteralSource {
    }

    /** {@code size} octets of {@code file} from {@code position}. */
    record FileRange(FileChannel file, long position, long size) implements LiteralSource {
    }
}
