package org.storemulti.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Text that must be UTF-8, decoded strictly line by line, so a stray byte is reported with
 * its line and column ({@code not valid UTF-8 (byte 0xe9 at column 7)}) rather than the
 * decoder's {@code Input length = 1} for the whole file. main.cf and the bulk files use it.
 */
public final class Utf8Lines {

    /** One line: its number (from 1) and text, or (text null) why it is not UTF-8. */
    public record Line(int number, String text, String problem) {
    }

    private Utf8Lines() {
    }

    /** The lines of {@code bytes} split at LF (a CR before it dropped), each decoded on its own. */
    public static List<Line> lines(byte[] bytes) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i == bytes.length && start == i) {
                    break; // nothing after the last newline
                }
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                lines.add(decode(lines.size() + 1, bytes, start, end));
                start = i + 1;
            }
        }
        return lines;
    }

    /** The first line of {@code bytes} that is not UTF-8, if any. */
    public static Optional<Line> firstInvalid(byte[] bytes) {
        return lines(bytes).stream().filter(line -> line.problem() != null).findFirst();
    }

    private static Line decode(int number, byte[] bytes, int start, int end) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
        CharBuffer out = CharBuffer.allocate(end - start);
        if (decoder.decode(in, out, true).isError()) {
            return new Line(number, null, String.format("not valid UTF-8 (byte 0x%02x at column %d)",
                    bytes[in.position()] & 0xff, in.position() - start + 1));
        }
        decoder.flush(out);
        return new Line(number, out.flip().toString(), null);
    }

    /** Strict UTF-8 for the whole of {@code bytes}; empty when some line is not UTF-8. */
    static Optional<String> text(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
