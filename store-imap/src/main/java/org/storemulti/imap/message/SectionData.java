package org.storemulti.imap.message;

/**
 * What a body section is, before it is sent: a byte range of the message (streamed from the
 * file), a few bytes made up here (HEADER.FIELDS), or nothing (a part the message does not
 * have: {@code NIL}).
 */
public sealed interface SectionData {

    /** Length in octets; 0 for {@link Missing}. */
    long length();

    /** {@code length} octets of the message from {@code start}. */
    record Range(long start, long length) implements SectionData {
    }

    /** Octets made up from the message (selected header fields). */
    record Bytes(byte[] bytes) implements SectionData {
        @Override
        public long length() {
            return bytes.length;
        }
    }

    /** No such part. */
    record Missing() implements SectionData {
        @Override
        public long length() {
            return 0;
        }
    }

    /** RFC 3501 {@code <offset.length>}: the octets from {@code offset}, at most {@code count}; none past the end. */
    default SectionData partial(long offset, long count) {
        if (this instanceof Range range) {
            long from = Math.min(offset, range.length());
            return new Range(range.start() + from, Math.min(count, range.length() - from));
        }
        if (this instanceof Bytes bytes) {
            int from = (int) Math.min(offset, bytes.bytes().length);
            int to = (int) Math.min(bytes.bytes().length, from + Math.min(count, Integer.MAX_VALUE));
            return new Bytes(java.util.Arrays.copyOfRange(bytes.bytes(), from, to));
        }
        return this;
    }
}
