package org.storemulti.imap.response;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.storemulti.imap.command.MailboxName;
import org.storemulti.imap.net.Wire;

/**
 * Builds responses into one buffer and writes them with {@link #flush()}: {@code
 * untagged().raw("EXISTS")...end()}, {@link #status} for a whole status response. Strings
 * are quoted when they can be (7-bit, no CR, LF or NUL, short) and literals otherwise. The
 * buffer exists only between the first token and the flush; a response that outgrows it
 * is written in pieces, and a large literal goes from its source to the wire directly.
 */
public final class ResponseWriter {

    /**
     * Buffer size: a typical command's whole response fits, so it leaves in one write, and a
     * FETCH of many messages leaves in few (a dozen 5 KB bodies a write; 16 KiB wrote every
     * third message, bench/imap.sh).
     */
    static final int BUFFER = 65536;

    /** Longest string sent quoted; longer ones go as literals. */
    static final int QUOTED_MAX = 1024;

    private final Wire wire;
    private ByteBuffer buffer;
    /** Whether what went to the wire so far ends inside a line (a response written in pieces). */
    private boolean sentMidLine;
    /** How often the buffer went to the wire: a {@link #mark()} from before a write cannot be copied. */
    private int writes;

    public ResponseWriter(Wire wire) {
        this.wire = wire;
    }

    // ---- starting and ending a response ----

    /** Starts an untagged response: {@code * }. */
    public ResponseWriter untagged() throws IOException {
        return raw("* ");
    }

    /** Starts a tagged response. */
    public ResponseWriter tagged(String tag) throws IOException {
        return raw(tag).sp();
    }

    /** Ends the current response line. */
    public ResponseWriter end() throws IOException {
        return raw("\r\n");
    }

    /** A whole status response: {@code tag|* STATUS [code] text}; {@code tag} null for untagged. */
    public ResponseWriter status(String tag, Status status, String code, String text) throws IOException {
        if (tag == null) {
            untagged();
        } else {
            tagged(tag);
        }
        raw(status.name()).sp();
        if (code != null) {
            raw("[").raw(code).raw("] ");
        }
        return text(text).end();
    }

    /** A command continuation request, {@code + text}, written at once: the client is waiting for it. */
    public void continuation(String text) throws IOException {
        raw("+ ").text(text).end();
        flush();
    }

    /**
     * A command failed half-way: what it built and did not write yet is dropped, and if part
     * of a line already went out that line is ended, so the next response starts on its own.
     */
    public void abandon() throws IOException {
        buffer = null;
        if (sentMidLine) {
            end();
        }
    }

    /** Writes what has been built, in one write, and lets go of the buffer. */
    public void flush() throws IOException {
        if (buffer == null) {
            return;
        }
        buffer.flip();
        try {
            if (buffer.hasRemaining()) {
                noteLineEnd(buffer);
                writes++;
                wire.write(buffer);
            }
        } finally {
            buffer = null;
        }
    }

    // ---- capturing what was rendered ----

    /** Where the response being built stands now, for {@link #since}. */
    public long mark() {
        return (long) writes << 32 | (buffer == null ? 0 : buffer.position());
    }

    /**
     * A copy of what was written since {@code mark}, to be sent again with {@link #bytes}; null
     * when part of it already went to the wire (the buffer filled up in between).
     */
    public byte[] since(long mark) {
        if ((int) (mark >>> 32) != writes || buffer == null) {
            return null;
        }
        return Arrays.copyOfRange(buffer.array(), buffer.arrayOffset() + (int) mark,
                buffer.arrayOffset() + buffer.position());
    }

    /** Octets as they are: what {@link #since} copied of an earlier response. */
    public ResponseWriter bytes(byte[] octets) throws IOException {
        return put(octets, 0, octets.length);
    }

    // ---- tokens ----

    /** ASCII as it is: atoms, numbers, fixed text. Must not hold CR or LF except {@link #end()}'s. */
    public ResponseWriter raw(String ascii) throws IOException {
        int length = ascii.length();
        ByteBuffer target = buffer();
        if (target.remaining() < length) {
            byte[] bytes = ascii.getBytes(StandardCharsets.US_ASCII);
            return put(bytes, 0, bytes.length);
        }
        // straight into the buffer: no byte[] per token (a FETCH of 2,000 messages writes ~50,000 tokens)
        byte[] array = target.array();
        int at = target.arrayOffset() + target.position();
        for (int i = 0; i < length; i++) {
            char c = ascii.charAt(i);
            array[at + i] = c < 0x80 ? (byte) c : (byte) '?';
        }
        target.position(target.position() + length);
        return this;
    }

    public ResponseWriter sp() throws IOException {
        return raw(" ");
    }

    /** Each of {@code numbers} after a space: a SEARCH answer, one call for thousands of numbers. */
    public ResponseWriter numbers(long[] numbers) throws IOException {
        for (long n : numbers) {
            sp().number(n);
        }
        return this;
    }

    public ResponseWriter number(long n) throws IOException {
        if (n < 0) {
            return raw(Long.toString(n));
        }
        ByteBuffer target = buffer();
        if (target.remaining() < 20) {
            return raw(Long.toString(n));
        }
        int digits = 1;
        for (long rest = n / 10; rest > 0; rest /= 10) {
            digits++;
        }
        byte[] array = target.array();
        int end = target.arrayOffset() + target.position() + digits;
        long rest = n;
        for (int at = end - 1; at >= end - digits; at--) {
            array[at] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        target.position(target.position() + digits);
        return this;
    }

    public ResponseWriter open() throws IOException {
        return raw("(");
    }

    public ResponseWriter close() throws IOException {
        return raw(")");
    }

    public ResponseWriter nil() throws IOException {
        return raw("NIL");
    }

    /** Human-readable text (resp-text): line breaks become spaces, non-ASCII becomes '?'. */
    public ResponseWriter text(String text) throws IOException {
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            clean.append(c == '\r' || c == '\n' ? ' ' : c < 0x20 || c > 0x7e ? '?' : c);
        }
        return raw(clean.toString());
    }

    /** A string (UTF-8), quoted or as a literal. */
    public ResponseWriter string(String s) throws IOException {
        return string(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A string of octets, quoted when they allow it, else a literal. */
    public ResponseWriter string(byte[] s) throws IOException {
        if (!quotable(s)) {
            return literal(new LiteralSource.Bytes(s));
        }
        ByteBuffer target = buffer();
        if (target.remaining() < 2 * s.length + 2) {
            target = flushKeepingBuffer();
        }
        // quotable strings are at most QUOTED_MAX long: escaped and quoted they fit an empty buffer
        byte[] array = target.array();
        int at = target.arrayOffset() + target.position();
        int start = at;
        array[at++] = '"';
        for (byte b : s) {
            if (b == '"' || b == '\\') {
                array[at++] = '\\';
            }
            array[at++] = b;
        }
        array[at++] = '"';
        target.position(target.position() + at - start);
        return this;
    }

    /** NIL for null, else a string. */
    public ResponseWriter nstring(String s) throws IOException {
        return s == null ? nil() : string(s);
    }

    /** An astring: bare when every octet is an ASTRING-CHAR (and it is not NIL), else a string. */
    public ResponseWriter astring(String s) throws IOException {
        if (isAtom(s)) {
            return raw(s);
        }
        return string(s);
    }

    /** A mailbox name in its modified UTF-7 form. */
    public ResponseWriter mailbox(MailboxName name) throws IOException {
        return astring(name.wire());
    }

    /** A literal: {@code {size}} CRLF and the octets, streamed when large. */
    public ResponseWriter literal(LiteralSource source) throws IOException {
        raw("{").number(source.size()).raw("}\r\n");
        if (source instanceof LiteralSource.Bytes bytes) {
            return put(bytes.bytes(), 0, bytes.bytes().length);
        }
        if (source instanceof LiteralSource.FileRange range && range.size() > BUFFER) {
            flush();
            sentMidLine = true;
            wire.transfer(range.file(), range.position(), range.size());
            return this;
        }
        if (source instanceof LiteralSource.FileRange range) {
            if (range.size() > room()) {
                flushKeepingBuffer(); // many small bodies: a buffer at a time, not a write each
            }
            ByteBuffer target = buffer();
            int end = target.position() + (int) range.size();
            ByteBuffer slice = target.slice();
            slice.limit((int) range.size());
            while (slice.hasRemaining()) {
                if (range.file().read(slice, range.position() + slice.position()) < 0) {
                    throw new EOFException("the file ends before the literal's " + range.size() + " octets");
                }
            }
            target.position(end);
            return this;
        }
        LiteralSource.Stream stream = (LiteralSource.Stream) source;
        long left = stream.size();
        while (left > 0) {
            ByteBuffer target = buffer();
            if (!target.hasRemaining()) {
                flushKeepingBuffer();
                continue;
            }
            int n = stream.stream().read(target.array(), target.arrayOffset() + target.position(),
                    (int) Math.min(left, target.remaining()));
            if (n < 0) {
                throw new EOFException("the stream ends " + left + " octets before the literal's " + stream.size());
            }
            target.position(target.position() + n);
            left -= n;
        }
        return this;
    }

    /** An RFC 3516 literal8 ({@code ~{size}}): octets that may hold NUL, for BINARY's answers. */
    public ResponseWriter literal8(LiteralSource source) throws IOException {
        raw("~");
        return literal(source);
    }

    // ---- buffer ----

    private ByteBuffer buffer() {
        if (buffer == null) {
            buffer = ByteBuffer.allocate(BUFFER);
        }
        return buffer;
    }

    private long room() {
        return buffer == null ? BUFFER : buffer.remaining();
    }

    private ResponseWriter put(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            ByteBuffer target = buffer();
            if (!target.hasRemaining()) {
                flushKeepingBuffer();
                continue;
            }
            int n = Math.min(length, target.remaining());
            target.put(bytes, offset, n);
            offset += n;
            length -= n;
        }
        return this;
    }

    /** A full buffer goes out mid-response; the response continues in the same buffer, returned. */
    private ByteBuffer flushKeepingBuffer() throws IOException {
        buffer.flip();
        noteLineEnd(buffer);
        writes++;
        wire.write(buffer);
        buffer.clear();
        return buffer;
    }

    private void noteLineEnd(ByteBuffer pending) {
        sentMidLine = pending.limit() > 0 && pending.get(pending.limit() - 1) != '\n';
    }

    static boolean quotable(byte[] s) {
        if (s.length > QUOTED_MAX) {
            return false;
        }
        for (byte b : s) {
            if (b == 0 || b == '\r' || b == '\n' || b < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAtom(String s) {
        if (s.isEmpty() || s.equalsIgnoreCase("NIL")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "(){%*\"\\".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
