package org.storemulti.imap.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of framing and parsing together, with small limits so
 * every limit is reachable: any octets end in commands, parse errors and refusals, never
 * another exception, and every octet of shared input memory is given back. A normal build
 * replays the saved inputs (src/test/resources/.../ParserFuzzTestInputs); fuzz for real with
 * {@code JAZZER_FUZZ=1 mvn -pl store-imap test -Dtest=ParserFuzzTest}.
 */
class ParserFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void anyOctetsFrameAndParseWithoutAnUnexpectedException(byte[] input) throws IOException {
        InputMemory memory = new InputMemory(1 << 16);
        CommandParser parser = new CommandParser(2048);
        try (CommandFramer framer = new CommandFramer(2048, 1 << 14, memory)) {
            int at = 0;
            int piece = input.length == 0 ? 1 : 1 + (input[0] & 0x3f);
            boolean abandoned = false;
            while (at < input.length && !abandoned) {
                int n = Math.min(piece, input.length - at);
                ByteBuffer in = ByteBuffer.wrap(input, at, n);
                at += n;
                abandoned = drain(framer, parser, memory, in);
            }
        }
        assertEquals(0, memory.used(), "input memory given back");
    }

    /** Handles every event in {@code in}; true when the framer asks to close. */
    private static boolean drain(CommandFramer framer, CommandParser parser, InputMemory memory, ByteBuffer in)
            throws IOException {
        CommandFramer.Event event;
        while ((event = framer.next(in)) != null) {
            if (event instanceof CommandFramer.LiteralRequest request) {
                var sink = request.size() <= 2048 ? LiteralSink.inMemory((int) request.size(), memory)
                        : java.util.Optional.<LiteralSink>empty();
                if (sink.isPresent()) {
                    framer.acceptLiteral(sink.get());
                } else if (!framer.refuseLiteral()) {
                    return true;
                }
            } else if (event instanceof CommandFramer.Framed framed) {
                try (FramedCommand command = framed.command()) {
                    parser.parse(command);
                } catch (ParseException expected) {
                    // a malformed command is answered BAD/NO
                }
            } else if (event instanceof CommandFramer.Abandon) {
                return true;
            }
        }
        return false;
    }
}
