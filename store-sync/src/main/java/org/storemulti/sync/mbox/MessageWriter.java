package org.storemulti.sync.mbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;

/**
 * Writes one message in mbox form: the {@code From sender date} line, our state fields
 * ({@link StatusHeaders}) first (readers that stop at a malformed header line, as Python's
 * does, still find them; after the header only if the message starts with a continuation
 * line, which would otherwise join our last field), the message's header without any state
 * fields it brought, every line with mboxrd quoting ({@code >*From } gains a {@code >}), a line end
 * if the message lacked a final one, and the empty line that ends every mbox message.
 * {@link MessageContent} undoes exactly this. Streams; holds one buffer.
 */
final class MessageWriter {

    private static final int BUFFER = 1 << 16;

    private final OutputStream out;
    private final ZoneId zone;
    private final boolean unixLineEnds;
    private long written;
    private long imapBaseOffset = -1;

    MessageWriter(OutputStream out, ZoneId zone, boolean unixLineEnds) {
        this.out = out;
        this.zone = zone;
        this.unixLineEnds = unixLineEnds;
    }

    /** Bytes written so far. */
    long written() {
        return written;
    }

    /** Where the last {@code X-IMAPbase} field written starts, or -1. */
    long imapBaseOffset() {
        return imapBaseOffset;
    }

    /**
     * Writes {@code content} as one mbox message.
     *
     * @param uid the X-UID to write, or 0 for none
     * @param imapBase the whole {@code X-IMAPbase} field for a file's first message, or null
     */
    void write(MboxMessage message, InputStream content, long uid, String imapBase) throws IOException {
        emit(FromLine.format(message.sender(), message.internalDate(), zone) + "\n");
        List<String> state = StatusHeaders.render(message.flags(), uid, imapBase);
        LineBuffer in = new LineBuffer(content, BUFFER, 0);
        String eol = lineEnd(in);
        boolean stateFirst = in.available() == 0 || in.at(0) != ' ' && in.at(0) != '\t';
        if (stateFirst) {
            emitState(state, eol);
        }
        boolean inHeader = true;
        boolean atLineStart = true;
        boolean dropping = false;
        byte last = '\n';
        while (in.available() > 0) {
            if (atLineStart) {
                int n = in.fill(LineBuffer.LOOKAHEAD);
                byte first = in.at(0);
                if (inHeader && (first == '\n' || first == '\r' && n >= 2 && in.at(1) == '\n')) {
                    if (!stateFirst) {
                        emitState(state, eol);
                    }
                    inHeader = false;
                    dropping = false;
                } else if (quotes(in, n) >= 0) {
                    out.write('>');
                    written++;
                    dropping = false;
                } else if (inHeader && first != ' ' && first != '\t') {
                    dropping = StatusHeaders.startsStateField(in, n, false);
                }
                atLineStart = false;
            }
            if (in.available() == 1) {
                in.fill(2); // a \r at the end of the buffer: see whether \n follows
            }
            int piece = in.pieceLength();
            boolean endsLine = in.at(piece - 1) == '\n';
            if (!endsLine && piece > 1 && in.at(piece - 1) == '\r') {
                piece--; // keep the \r for the next round, where its \n shows
            }
            if (!dropping) {
                last = copy(in, piece, endsLine);
            }
            in.skip(piece);
            atLineStart = endsLine;
        }
        if (last != '\n') {
            emit(eol);
        }
        if (inHeader && !stateFirst) {
            emitState(state, eol);
        }
        emit("\n");
    }

    /** The message's own line end (from its first line), unless Unix line ends are wanted. */
    private String lineEnd(LineBuffer in) throws IOException {
        int n = in.fill(LineBuffer.LOOKAHEAD);
        if (unixLineEnds) {
            return "\n";
        }
        for (int i = 0; i < n; i++) {
            if (in.at(i) == '\n') {
                return i > 0 && in.at(i - 1) == '\r' ? "\r\n" : "\n";
            }
        }
        return "\n";
    }

    /** The number of {@code >} before {@code From } at the line start, or -1 if the line is no {@code >*From } line. */
    static int quotes(LineBuffer in, int n) {
        int quotes = 0;
        while (quotes < n && in.at(quotes) == '>') {
            quotes++;
        }
        return in.startsWith(quotes, FromLine.PREFIX) ? quotes : -1;
    }

    /** Writes a piece of a line, turning its CRLF into LF if asked; returns the last byte written. */
    private byte copy(LineBuffer in, int piece, boolean endsLine) throws IOException {
        if (unixLineEnds && endsLine && piece >= 2 && in.at(piece - 2) == '\r') {
            out.write(in.array(), in.offset(), piece - 2);
            out.write('\n');
            written += piece - 1;
            return '\n';
        }
        out.write(in.array(), in.offset(), piece);
        written += piece;
        return in.at(piece - 1);
    }

    private void emitState(List<String> state, String eol) throws IOException {
        for (String field : state) {
            if (field.startsWith("X-IMAPbase:")) {
                imapBaseOffset = written;
            }
            emit(field + eol);
        }
    }

    private void emit(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        out.write(bytes);
        written += bytes.length;
    }
}
