package org.storemulti.imap.parse;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.storemulti.imap.command.Literal;

/**
 * One complete command as the framer cut it: text parts (each line without its CRLF; every
 * part but the last ends with its literal's {@code {n}} or {@code {n+}}) alternating with
 * the literals. Closing it releases the literals (deletes spool files).
 */
public record FramedCommand(List<Part> parts) implements AutoCloseable {

    /** A text part or a literal. */
    public sealed interface Part {
    }

    /** A line of command text, CRLF removed. */
    public record Text(byte[] bytes) implements Part {
        @Override
        public String toString() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** A literal's octets. */
    public record Lit(Literal literal) implements Part {
    }

    public FramedCommand {
        parts = List.copyOf(parts);
    }

    /** A one-line command (tests, and commands built in code). */
    public static FramedCommand line(String text) {
        return new FramedCommand(List.of(new Text(text.getBytes(StandardCharsets.UTF_8))));
    }

    /** The first line, where the tag and the command name are. */
    public byte[] firstLine() {
        return ((Text) parts.get(0)).bytes();
    }

    @Override
    public void close() {
        for (Part p : parts) {
            if (p instanceof Lit lit) {
                lit.literal().close();
            }
        }
    }
}
