package org.storemulti.store.mime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One MIME entity while {@link MimeScanner} reads it: where its header starts, the header
 * bytes captured so far, where its body starts, and line counts of its body. Becomes a
 * {@link MimePart} when the scan ends.
 */
final class Entity {

    enum Kind { LEAF, MULTIPART, MESSAGE }

    final long headerOffset;
    final boolean inDigest;
    private byte[] header = new byte[256];
    private int headerLength;
    boolean headerCut;
    long bodyOffset = -1;
    long end = -1;
    Kind kind = Kind.LEAF;
    PartHeader facts;
    String boundary;
    boolean closed;
    final List<Entity> children = new ArrayList<>();
    Entity message;

    /** LF characters in the body so far. */
    long lf;
    /** Length (without line end) and line end of the last body line counted. */
    long lastContent;
    int lastEol;
    /** Sequence number of the last line counted in the body. */
    long lastLine = -1;
    long lines;

    Entity(long headerOffset, boolean inDigest) {
        this.headerOffset = headerOffset;
        this.inDigest = inDigest;
    }

    boolean inHeader() {
        return bodyOffset < 0;
    }

    void captureHeader(byte[] line, int length, int eol, int limit) {
        int wanted = length + eol;
        if (headerLength + wanted > limit) {
            headerCut = true;
            return;
        }
        if (headerLength + wanted > header.length) {
            header = Arrays.copyOf(header, Math.max(header.length * 2, headerLength + wanted));
        }
        System.arraycopy(line, 0, header, headerLength, length);
        for (int i = 0; i < eol; i++) {
            header[headerLength + length + i] = (byte) (eol == 2 && i == 0 ? '\r' : '\n');
        }
        headerLength += wanted;
    }

    private HeaderBlock block;

    /** The captured header's fields, parsed once. */
    HeaderBlock block() {
        if (block == null) {
            block = HeaderBlock.parse(header, headerLength);
        }
        return block;
    }

    int headerSize() {
        return headerLength;
    }

    void countBodyLine(long sequence, long contentLength, int eol) {
        if (eol > 0) {
            lf++;
        }
        lastContent = contentLength;
        lastEol = eol;
        lastLine = sequence;
    }

    /**
     * Ends the entity at {@code at}. When a boundary delimiter follows, the line end before it
     * belongs to the delimiter (RFC 2046 5.1.1), so the body's last line loses its line end.
     */
    void finish(long at, boolean delimiterFollows, long previousLine) {
        if (inHeader()) {
            bodyOffset = Math.max(at, headerOffset);
        }
        end = Math.max(at, bodyOffset);
        boolean lastLineInBody = lastLine >= 0 && lastLine == previousLine;
        if (delimiterFollows && lastLineInBody && lastEol > 0) {
            lines = lf - 1 + (lastContent > 0 ? 1 : 0);
        } else {
            lines = lf + (lastContent > 0 && lastEol == 0 ? 1 : 0);
        }
        if (end == bodyOffset) {
            lines = 0;
        }
    }
}
