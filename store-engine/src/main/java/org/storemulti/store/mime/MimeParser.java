package org.storemulti.store.mime;

import java.io.IOException;
import java.io.InputStream;

/**
 * Parses a message into its {@link MessageStructure}. Never fails on content: a damaged
 * message yields a structure whose {@code problems} say what was repaired. Memory is bounded
 * by the header sizes, not the message size: a 10 MB line is counted, not held.
 *
 * <p>Feed it the whole message at once ({@link #parse(byte[])}) or stream it through
 * {@link #update} and {@link #finish}, as a message file is written.
 */
public final class MimeParser {

    /** Bytes kept of a line longer than this (header fields and boundaries are far shorter). */
    static final int CAPTURE = 64 * 1024;

    private final MimeScanner scanner = new MimeScanner();
    private final byte[] line = new byte[CAPTURE];
    private int captured;
    private long contentLength;
    private boolean pendingCr;
    private long lineStart;
    private long position;

    /** The structure of a whole message. */
    public static MessageStructure parse(byte[] message) {
        MimeParser parser = new MimeParser();
        parser.update(message, 0, message.length);
        return parser.finish();
    }

    /** The structure of a message read to its end from {@code in} (not closed). */
    public static MessageStructure parse(InputStream in) throws IOException {
        MimeParser parser = new MimeParser();
        byte[] buffer = new byte[CAPTURE];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            parser.update(buffer, 0, n);
        }
        return parser.finish();
    }

    /**
     * The structure of a message that could not be parsed at all: one text/plain part of
     * {@code size} bytes with an empty header, and {@code problem} saying why.
     */
    public static MessageStructure opaque(long size, String problem) {
        MimePart body = new MimePart("text", "plain", PartHeader.US_ASCII, null, null, "7bit", null, null,
                java.util.List.of(), java.util.List.of(), null, 0, 0, 0, size, 0, java.util.List.of(), null, null);
        return new MessageStructure(Envelope.EMPTY, body, java.util.List.of(problem));
    }

    /** Takes the next {@code length} bytes of the message. */
    public void update(byte[] bytes, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            position++;
            if (b == '\n') {
                int eol = pendingCr ? 2 : 1;
                pendingCr = false;
                emit(eol);
                continue;
            }
            if (pendingCr) {
                append((byte) '\r');
            }
            pendingCr = b == '\r';
            if (!pendingCr) {
                append(b);
            }
        }
    }

    private void append(byte b) {
        if (captured < line.length) {
            line[captured++] = b;
        }
        contentLength++;
    }

    private void emit(int eol) {
        scanner.line(lineStart, line, captured, contentLength, eol);
        lineStart = position;
        captured = 0;
        contentLength = 0;
    }

    /** Ends the message and returns its structure. */
    public MessageStructure finish() {
        if (pendingCr) {
            append((byte) '\r');
            pendingCr = false;
        }
        if (contentLength > 0) {
            emit(0);
        }
        return scanner.finish(position);
    }
}
