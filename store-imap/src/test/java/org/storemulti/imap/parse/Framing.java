package org.storemulti.imap.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helper: frames input (accepting every literal into memory) and parses the commands. */
final class Framing {

    /** Input memory enough for any test. */
    static final InputMemory UNLIMITED = new InputMemory(Long.MAX_VALUE);

    private Framing() {
    }

    /** The commands in {@code input}, fed in one piece. */
    static List<FramedCommand> frame(byte[] input) {
        try (CommandFramer framer = new CommandFramer(65536, 1 << 20, UNLIMITED)) {
            List<FramedCommand> commands = new ArrayList<>();
            ByteBuffer in = ByteBuffer.wrap(input);
            CommandFramer.Event e;
            while ((e = framer.next(in)) != null) {
                if (e instanceof CommandFramer.LiteralRequest r) {
                    framer.acceptLiteral(LiteralSink.inMemory((int) r.size(), UNLIMITED).orElseThrow());
                } else if (e instanceof CommandFramer.Framed f) {
                    commands.add(f.command());
                } else {
                    throw new AssertionError("unexpected " + e);
                }
            }
            return commands;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one command in {@code text} (CRLF appended), parsed. */
    static ParsedCommand parse(String text) throws ParseException {
        List<FramedCommand> commands = frame((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        if (commands.size() != 1) {
            throw new AssertionError("expected one command in " + text + ", framed " + commands.size());
        }
        return new CommandParser(65536).parse(commands.get(0));
    }
}
