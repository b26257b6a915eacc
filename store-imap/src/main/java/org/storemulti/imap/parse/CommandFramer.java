package org.storemulti.imap.parse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Cuts client input into commands, incrementally: feed it whatever arrived and call
 * {@link #next} until it returns {@code null} (it wants more input). Lines end in CRLF
 * (a bare LF is accepted). A line ending in {@code {n}} or {@code {n+}} announces a
 * literal: the framer stops with a {@link LiteralRequest} and waits for the caller's
 * {@link #acceptLiteral} (the caller sends "+ Ready" for a synchronizing one) or
 * {@link #refuseLiteral}. In raw mode (AUTHENTICATE's responses, IDLE's DONE) lines are
 * handed out as they are, without literals.
 *
 * <p>Bounded: a command's text (all its lines, literals not counted) may hold
 * {@code lineLimit} octets. Past that the framer reports {@link Overflow} at once and
 * drops the rest of the command as it arrives, still following its literal markers, so
 * what comes after is read as the next command. A literal dropped that way (or refused
 * while non-synchronizing, so the client sends it anyway) is counted away, never stored;
 * one larger than {@code discardLimit} ends in {@link Abandon}: the connection should be
 * closed.
 */
public final class CommandFramer implements AutoCloseable {

    /** What {@link #next} found. */
    public sealed interface Event permits Framed, RawLine, LiteralRequest, Overflow, Abandon {
    }

    /** A complete command; the caller owns it (and closes it). */
    public record Framed(FramedCommand command) implements Event {
    }

    /** A line in raw mode, CRLF removed. */
    public record RawLine(byte[] line) implements Event {
    }

    /**
     * A literal announced: its size, whether the client waits for "+" ({@code synchronizing}),
     * the command it belongs to (tag and name as far as they could be read, else null), how
     * many literals and how many octets in memory the command holds already.
     */
    public record LiteralRequest(String tag, String command, long size, boolean synchronizing, int literals,
            long memoryOctets) implements Event {
    }

    /**
     * The command's text passed the line limit, or the shared input memory could not hold
     * more of it ({@code shortOfMemory}); the rest will be dropped. Tag and name as far as known.
     */
    public record Overflow(String tag, String command, boolean shortOfMemory) implements Event {
    }

    /** A literal being dropped is larger than the discard limit: close the connection. */
    public record Abandon(long size) implements Event {
    }

    private static final int MARKER_TAIL = 24;

    /** Line buffer octets not counted against the shared input memory: every command fits. */
    private static final int FREE_LINE = 1024;

    private final int lineLimit;
    private final long discardLimit;
    private final InputMemory memory;

    private byte[] line;
    private int length;
    private final byte[] tail = new byte[MARKER_TAIL];
    private int tailLength;
    private boolean overflowing;   // dropping the rest of the current line
    private boolean dropping;      // dropping the rest of the current command
    private long textOctets;
    private List<FramedCommand.Part> parts = new ArrayList<>();
    private long memoryOctets;
    private int literals;

    private long literalRemaining = -1;
    private LiteralSink sink;
    private LiteralRequest pending;
    private boolean raw;

    /**
     * A framer whose commands hold at most {@code lineLimit} octets of text, dropping refused
     * literals up to {@code discardLimit} octets, with line buffers past their first KiB
     * taken from {@code memory}.
     */
    public CommandFramer(int lineLimit, long discardLimit, InputMemory memory) {
        this.lineLimit = lineLimit;
        this.discardLimit = discardLimit;
        this.memory = memory;
    }

    /** Raw mode on (lines as they are) or off (commands with literals). */
    public void rawLines(boolean on) {
        raw = on;
    }

    /** Whether part of a command (or a raw line) has arrived and the rest is awaited. */
    public boolean inCommand() {
        return length > 0 || !parts.isEmpty() || literalRemaining >= 0 || pending != null || overflowing || dropping;
    }

    /** The next event from {@code in}, or null when more input is needed. */
    public Event next(ByteBuffer in) throws IOException {
        if (pending != null) {
            throw new IllegalStateException("the literal announced must be accepted or refused first");
        }
        while (true) {
            if (literalRemaining >= 0) {
                if (!literal(in)) {
                    return null;
                }
                continue;
            }
            if (!in.hasRemaining()) {
                return null;
            }
            Event event = text(in);
            if (event != null) {
                return event;
            }
        }
    }

    /** Takes the announced literal into {@code into}. */
    public void acceptLiteral(LiteralSink into) {
        LiteralRequest request = requirePending();
        sink = into;
        literalRemaining = request.size();
        literals++;
        if (into.inMemory()) {
            memoryOctets += request.size();
        }
        pending = null;
    }

    /**
     * Refuses the announced literal. A synchronizing one never comes (the client waits
     * for "+", gets the refusal and drops the command); a non-synchronizing one is on its
     * way and is counted away with the rest of the command. False when it is larger than
     * the discard limit: the caller should close the connection.
     */
    public boolean refuseLiteral() {
        LiteralRequest request = requirePending();
        pending = null;
        if (request.synchronizing()) {
            endCommand();
            return true;
        }
        dropping = true;
        if (request.size() > discardLimit) {
            return false;
        }
        literalRemaining = request.size();
        return true;
    }

    private LiteralRequest requirePending() {
        if (pending == null) {
            throw new IllegalStateException("no literal announced");
        }
        return pending;
    }

    /** Reads literal octets; true when the literal is complete. */
    private boolean literal(ByteBuffer in) throws IOException {
        int n = (int) Math.min(literalRemaining, in.remaining());
        if (sink != null) {
            ByteBuffer slice = in.slice();
            slice.limit(n);
            sink.write(slice);
        }
        in.position(in.position() + n);
        literalRemaining -= n;
        if (literalRemaining > 0) {
            return false;
        }
        literalRemaining = -1;
        if (sink != null) {
            FramedCommand.Part lit = new FramedCommand.Lit(sink.finish());
            sink = null;
            parts.add(lit);
        }
        return true;
    }

    /** Reads line octets; an event when a line ends or first passes the limit. */
    private Event text(ByteBuffer in) {
        int start = in.position();
        int lf = start;
        while (lf < in.limit() && in.get(lf) != '\n') {
            lf++;
        }
        boolean complete = lf < in.limit();
        int n = lf - start;
        if (overflowing) {
            remember(in, start, n);
        } else if (textOctets + length + n > lineLimit || !room(length + n)) {
            boolean shortOfMemory = textOctets + length + n <= lineLimit;
            boolean first = !dropping;
            int before = length;
            int headRoom = (int) Math.max(0, Math.min(n, Math.min(lineLimit, FREE_LINE) - textOctets - length));
            if (room(length + Math.min(headRoom, 200))) {
                append(in, start, Math.min(headRoom, 200)); // enough to read the tag and name from
            }
            Overflow overflow = new Overflow(head(0), head(1), shortOfMemory);
            if (line != null) {
                remember(ByteBuffer.wrap(line, 0, before), 0, before);
            }
            remember(in, start, n);
            overflowing = true;
            dropping = !raw;
            dropLine();
            if (first || raw) {
                in.position(lf); // the line end, if here, is taken on the next call
                return overflow;
            }
        } else {
            append(in, start, n);
        }
        in.position(complete ? lf + 1 : in.limit());
        return complete ? lineEnd() : null;
    }

    /** A line has ended: what it means. */
    private Event lineEnd() {
        if (overflowing || dropping) {
            return droppedLineEnd();
        }
        byte[] bytes = lineBytes();
        dropLine();
        if (raw) {
            return new RawLine(bytes);
        }
        if (parts.isEmpty() && bytes.length == 0) {
            return null; // a stray empty line between commands: ignored
        }
        parts.add(new FramedCommand.Text(bytes));
        textOctets += bytes.length;
        Marker marker = Marker.of(bytes, bytes.length);
        if (marker == null) {
            FramedCommand command = new FramedCommand(parts);
            parts = new ArrayList<>();
            endCommand();
            return new Framed(command);
        }
        pending = new LiteralRequest(head(0), head(1), marker.size(), marker.synchronizing(), literals, memoryOctets);
        return pending;
    }

    /** The end of a line being dropped: follows a non-synchronizing literal marker, else ends the command. */
    private Event droppedLineEnd() {
        byte[] last = overflowing ? Arrays.copyOf(tail, tailLength) : lineBytes();
        int n = last.length > 0 && last[last.length - 1] == '\r' ? last.length - 1 : last.length;
        overflowing = false;
        tailLength = 0;
        dropLine();
        Marker marker = raw ? null : Marker.of(last, n);
        if (marker == null || marker.synchronizing()) {
            endCommand(); // a synchronizing literal is never sent: the client waits for "+" in vain
            return null;
        }
        if (marker.size() > discardLimit) {
            endCommand();
            return new Abandon(marker.size());
        }
        literalRemaining = marker.size();
        return null;
    }

    private byte[] lineBytes() {
        int n = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        return line == null ? new byte[0] : Arrays.copyOf(line, n);
    }

    /** Makes the line buffer hold {@code needed} octets; false when the shared memory cannot spare it. */
    private boolean room(int needed) {
        int capacity = line == null ? 0 : line.length;
        if (needed <= capacity) {
            return true;
        }
        int grown = Math.max(needed, Math.max(256, Math.min(capacity * 2, lineLimit + 2)));
        long more = counted(grown) - counted(capacity);
        if (more > 0 && !memory.take(more)) {
            grown = needed; // doubling is more than the memory can spare; exactly enough may do
            more = counted(grown) - counted(capacity);
            if (more > 0 && !memory.take(more)) {
                return false;
            }
        }
        line = line == null ? new byte[grown] : Arrays.copyOf(line, grown);
        return true;
    }

    private static long counted(int capacity) {
        return Math.max(0, capacity - FREE_LINE);
    }

    private void append(ByteBuffer in, int start, int n) {
        if (n == 0) {
            return;
        }
        in.get(start, line, length, n);
        length += n;
    }

    /** Lets go of the line buffer, giving its counted octets back. */
    private void dropLine() {
        if (line != null) {
            memory.give(counted(line.length));
        }
        line = null;
        length = 0;
    }

    /** Keeps the last octets of a dropped line, where a literal marker would be. */
    private void remember(ByteBuffer in, int start, int n) {
        for (int i = Math.max(0, n - MARKER_TAIL); i < n; i++) {
            if (tailLength == MARKER_TAIL) {
                System.arraycopy(tail, 1, tail, 0, MARKER_TAIL - 1);
                tailLength--;
            }
            tail[tailLength++] = in.get(start + i);
        }
    }

    private void endCommand() {
        for (FramedCommand.Part p : parts) {
            if (p instanceof FramedCommand.Lit lit) {
                lit.literal().close();
            }
        }
        parts = new ArrayList<>();
        textOctets = 0;
        memoryOctets = 0;
        literals = 0;
        dropping = false;
    }

    /** The tag (word 0) or command name (word 1, with UID's subcommand) of the command being framed. */
    private String head(int word) {
        byte[] first = !parts.isEmpty() ? ((FramedCommand.Text) parts.get(0)).bytes()
                : line == null ? new byte[0] : Arrays.copyOf(line, length);
        String text = new String(first, 0, Math.min(first.length, 200), StandardCharsets.ISO_8859_1);
        String[] words = text.split("[ \r]", 4);
        if (words.length <= word || words[word].isEmpty() || !Tokens.isTag(words[0])) {
            return null;
        }
        String name = words[word].toUpperCase(Locale.ROOT);
        if (word == 1 && name.equals("UID") && words.length > 2) {
            return name + " " + words[2].toUpperCase(Locale.ROOT);
        }
        return word == 0 ? words[0] : name;
    }

    @Override
    public void close() {
        if (sink != null) {
            sink.close();
            sink = null;
        }
        endCommand();
        dropLine();
    }

    /** A literal marker at the end of a line: {@code {n}} or {@code {n+}}. */
    record Marker(long size, boolean synchronizing) {
        static Marker of(byte[] line, int length) {
            int end = length - 1;
            if (end < 2 || line[end] != '}') {
                return null;
            }
            int i = end - 1;
            boolean plus = line[i] == '+';
            if (plus) {
                i--;
            }
            int digitsEnd = i;
            while (i >= 0 && line[i] >= '0' && line[i] <= '9') {
                i--;
            }
            if (i < 0 || line[i] != '{' || i == digitsEnd) {
                return null;
            }
            int digits = digitsEnd - i;
            long size = digits > 18 ? Long.MAX_VALUE
                    : Long.parseLong(new String(line, i + 1, digits, StandardCharsets.US_ASCII));
            return new Marker(size, !plus);
        }
    }
}
