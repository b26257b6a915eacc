package org.storemulti.imap.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemulti.imap.command.Literal;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;

class CommandFramerTest {

    private static final InputMemory UNLIMITED = Framing.UNLIMITED;

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] literal(FramedCommand command, int part) throws IOException {
        try (InputStream in = ((FramedCommand.Lit) command.parts().get(part)).literal().open()) {
            return in.readAllBytes();
        }
    }

    @Test
    void aSynchronizingLiteralIsAnnouncedAndTheFramerWaitsForTheDecision() throws IOException {
        CommandFramer framer = new CommandFramer(1000, 1000, UNLIMITED);
        ByteBuffer in = bytes("a1 LOGIN {4}\r\n");
        assertEquals(new CommandFramer.LiteralRequest("a1", "LOGIN", 4, true, 0, 0), framer.next(in));
        framer.acceptLiteral(LiteralSink.inMemory(4, UNLIMITED).orElseThrow());
        assertNull(framer.next(in));
        assertTrue(framer.inCommand());
        in = bytes("fred {6+}\r\nsecret\r\n");
        assertEquals(new CommandFramer.LiteralRequest("a1", "LOGIN", 6, false, 1, 4), framer.next(in));
        framer.acceptLiteral(LiteralSink.inMemory(6, UNLIMITED).orElseThrow());
        FramedCommand command = assertInstanceOf(CommandFramer.Framed.class, framer.next(in)).command();
        assertEquals("a1 LOGIN {4}", command.parts().get(0).toString());
        assertArrayEquals("fred".getBytes(StandardCharsets.US_ASCII), literal(command, 1));
        assertEquals(" {6+}", command.parts().get(2).toString());
        assertArrayEquals("secret".getBytes(StandardCharsets.US_ASCII), literal(command, 3));
        assertEquals("", command.parts().get(4).toString());
        assertFalse(framer.inCommand());
    }

    static Stream<Long> seeds() {
        return LongStream.range(0, 40).boxed();
    }

    /** Commands with literals holding CR, LF, NUL and 8-bit octets, fed in random pieces. */
    @ParameterizedTest
    @MethodSource("seeds")
    void literalsSplitAnywhereFrameTheSameAsInOnePiece(long seed) throws IOException {
        Random random = new Random(seed);
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        List<byte[]> literals = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            input.writeBytes(("t" + c + " APPEND INBOX").getBytes(StandardCharsets.US_ASCII));
            for (int l = random.nextInt(3); l >= 0; l--) {
                byte[] data = new byte[random.nextInt(300)];
                random.nextBytes(data);
                literals.add(data);
                input.writeBytes((" {" + data.length + (random.nextBoolean() ? "+" : "") + "}\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                input.writeBytes(data);
            }
            input.writeBytes(random.nextBoolean() ? "\r\n".getBytes(StandardCharsets.US_ASCII) : new byte[] {'\n'});
        }
        byte[] all = input.toByteArray();
        CommandFramer framer = new CommandFramer(1000, 1000, UNLIMITED);
        List<byte[]> seen = new ArrayList<>();
        int commands = 0;
        int at = 0;
        while (at < all.length) {
            int n = Math.min(all.length - at, 1 + random.nextInt(40));
            ByteBuffer piece = ByteBuffer.wrap(all, at, n);
            at += n;
            CommandFramer.Event e;
            while ((e = framer.next(piece)) != null) {
                if (e instanceof CommandFramer.LiteralRequest r) {
                    framer.acceptLiteral(LiteralSink.inMemory((int) r.size(), UNLIMITED).orElseThrow());
                } else {
                    FramedCommand command = assertInstanceOf(CommandFramer.Framed.class, e).command();
                    assertTrue(command.parts().get(0).toString().startsWith("t" + commands + " APPEND"));
                    for (int p = 1; p < command.parts().size(); p += 2) {
                        seen.add(literal(command, p));
                    }
                    commands++;
                }
            }
            assertFalse(piece.hasRemaining());
        }
        assertEquals(5, commands);
        assertEquals(literals.size(), seen.size());
        for (int i = 0; i < literals.size(); i++) {
            assertArrayEquals(literals.get(i), seen.get(i));
        }
    }

    @Test
    void anOverlongLineIsReportedAtOnceAndDroppedToItsEnd() throws IOException {
        CommandFramer framer = new CommandFramer(20, 1000, UNLIMITED);
        ByteBuffer in = bytes("a1 NOOP " + "x".repeat(100));
        assertEquals(new CommandFramer.Overflow("a1", "NOOP", false), framer.next(in));
        assertNull(framer.next(in));
        in = bytes("y".repeat(5000) + "\r\nb2 NOOP\r\n");
        FramedCommand next = assertInstanceOf(CommandFramer.Framed.class, framer.next(in)).command();
        assertEquals("b2 NOOP", next.parts().get(0).toString());
    }

    @Test
    void aNonSynchronizingLiteralAfterAnOverlongLineIsCountedAwayNotReadAsCommands() throws IOException {
        CommandFramer framer = new CommandFramer(20, 1000, UNLIMITED);
        ByteBuffer in = bytes("a1 APPEND " + "x".repeat(100) + " {11+}\r\nb1 LOGOUT\r\n\r\nc2 NOOP\r\n");
        assertInstanceOf(CommandFramer.Overflow.class, framer.next(in));
        FramedCommand next = assertInstanceOf(CommandFramer.Framed.class, framer.next(in)).command();
        assertEquals("c2 NOOP", next.parts().get(0).toString());
    }

    @Test
    void aRefusedSynchronizingLiteralEndsTheCommand() throws IOException {
        CommandFramer framer = new CommandFramer(1000, 1000, UNLIMITED);
        ByteBuffer in = bytes("a1 APPEND INBOX {999999}\r\na2 NOOP\r\n");
        assertInstanceOf(CommandFramer.LiteralRequest.class, framer.next(in));
        assertTrue(framer.refuseLiteral());
        assertEquals("a2 NOOP", assertInstanceOf(CommandFramer.Framed.class, framer.next(in)).command().parts().get(0)
                .toString());
    }

    @Test
    void aRefusedNonSynchronizingLiteralIsDroppedWithTheRestOfItsCommand() throws IOException {
        CommandFramer framer = new CommandFramer(1000, 1000, UNLIMITED);
        ByteBuffer in = bytes("a1 APPEND INBOX {5+}\r\nhello (\\Seen) {3+}\r\nabc\r\na2 NOOP\r\n");
        assertInstanceOf(CommandFramer.LiteralRequest.class, framer.next(in));
        assertTrue(framer.refuseLiteral());
        assertEquals("a2 NOOP", assertInstanceOf(CommandFramer.Framed.class, framer.next(in)).command().parts().get(0)
                .toString());
    }

    @Test
    void aRefusedNonSynchronizingLiteralOverTheDiscardLimitAsksToClose() throws IOException {
        CommandFramer framer = new CommandFramer(1000, 1000, UNLIMITED);
        assertInstanceOf(CommandFramer.LiteralRequest.class, framer.next(bytes("a1 APPEND INBOX {1001+}\r\n")));
        assertFalse(framer.refuseLiteral());
        CommandFramer other = new CommandFramer(20, 1000, UNLIMITED);
        ByteBuffer in = bytes("a1 APPEND " + "x".repeat(50) + " {99999999999999999999+}\r\n");
        assertInstanceOf(CommandFramer.Overflow.class, other.next(in));
        assertEquals(new CommandFramer.Abandon(Long.MAX_VALUE), other.next(in));
    }

    @Test
    void rawModeHandsOutLinesWithoutLiteralsAndEmptyOnes() throws IOException {
        CommandFramer framer = new CommandFramer(1000, 1000, UNLIMITED);
        framer.rawLines(true);
        ByteBuffer in = bytes("AGZyZWQAc2VjcmV0 {5}\r\n\r\nDONE\n");
        assertEquals("AGZyZWQAc2VjcmV0 {5}", new String(((CommandFramer.RawLine) framer.next(in)).line(),
                StandardCharsets.US_ASCII));
        assertEquals(0, ((CommandFramer.RawLine) framer.next(in)).line().length);
        assertEquals("DONE", new String(((CommandFramer.RawLine) framer.next(in)).line(), StandardCharsets.US_ASCII));
    }

    @Test
    void strayEmptyLinesBetweenCommandsAreIgnoredAndBareLineFeedsEndLines() throws IOException {
        List<FramedCommand> commands = Framing.frame("\r\n\na NOOP\nb NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of("a NOOP", "b NOOP"), commands.stream().map(c -> c.parts().get(0).toString()).toList());
    }

    @Test
    void largeLiteralsSpoolToAFileThatClosingDeletesOnJimfs() throws IOException {
        try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
            Path spool = Files.createDirectories(fs.getPath("/spool"));
            largeLiteralsSpoolToAFileThatClosingDeletes(spool);
        }
    }

    @Test
    void largeLiteralsSpoolToAFileThatClosingDeletesOnTheRealFileSystem(@TempDir Path spool) throws IOException {
        largeLiteralsSpoolToAFileThatClosingDeletes(spool);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                spooled(spool, "a1 APPEND INBOX {3}\r\nabc\r\n").file())));
    }

    private static Literal.Spooled spooled(Path spool, String input) throws IOException {
        CommandFramer framer = new CommandFramer(1000, 1000, UNLIMITED);
        ByteBuffer in = bytes(input);
        framer.next(in);
        framer.acceptLiteral(LiteralSink.spool(spool));
        FramedCommand command = ((CommandFramer.Framed) framer.next(in)).command();
        return (Literal.Spooled) ((FramedCommand.Lit) command.parts().get(1)).literal();
    }

    private static void largeLiteralsSpoolToAFileThatClosingDeletes(Path spool) throws IOException {
        byte[] data = new byte[200_000];
        new Random(7).nextBytes(data);
        CommandFramer framer = new CommandFramer(1000, 1000, UNLIMITED);
        ByteBuffer in = bytes("a1 APPEND INBOX {200000}\r\n");
        framer.next(in);
        framer.acceptLiteral(LiteralSink.spool(spool));
        ByteBuffer body = ByteBuffer.wrap(data);
        assertNull(framer.next(body));
        FramedCommand command = ((CommandFramer.Framed) framer.next(bytes("\r\n"))).command();
        Literal.Spooled literal = (Literal.Spooled) ((FramedCommand.Lit) command.parts().get(1)).literal();
        assertEquals(200_000, literal.size());
        assertArrayEquals(data, Files.readAllBytes(literal.file()));
        command.close();
        assertFalse(Files.exists(literal.file()));

        // a client that goes away mid-literal leaves nothing behind
        framer.next(bytes("a2 APPEND INBOX {200000}\r\n"));
        framer.acceptLiteral(LiteralSink.spool(spool));
        framer.next(ByteBuffer.wrap(data, 0, 1000));
        try (Stream<Path> files = Files.list(spool)) {
            assertEquals(1, files.count());
        }
        framer.close();
        try (Stream<Path> files = Files.list(spool)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void theSharedInputMemoryBoundsLongLinesAndLiteralsAcrossConnections() throws IOException {
        InputMemory memory = new InputMemory(20_000);
        CommandFramer first = new CommandFramer(65536, 1000, memory);
        CommandFramer second = new CommandFramer(65536, 1000, memory);
        assertNull(first.next(bytes("a1 LOGIN " + "x".repeat(15_000))));
        assertTrue(memory.used() > 10_000);
        assertEquals(new CommandFramer.Overflow("b1", "NOOP", true), second.next(bytes("b1 NOOP " + "y".repeat(15_000))));
        assertEquals(java.util.Optional.empty(), LiteralSink.inMemory(10_000, memory));
        assertInstanceOf(CommandFramer.Framed.class, first.next(bytes("\r\n")));
        assertEquals(0, memory.used(), "a framed command's line is given back");
        LiteralSink sink = LiteralSink.inMemory(10_000, memory).orElseThrow();
        assertEquals(10_000, memory.used());
        sink.close();
        assertEquals(0, memory.used(), "a literal never finished is given back");
        CommandFramer third = new CommandFramer(65536, 1000, memory);
        third.next(bytes("c1 APPEND INBOX {5000}\r\n"));
        third.acceptLiteral(LiteralSink.inMemory(5000, memory).orElseThrow());
        byte[] literalAndLineEnd = new byte[5002];
        literalAndLineEnd[5000] = '\r';
        literalAndLineEnd[5001] = '\n';
        FramedCommand command = ((CommandFramer.Framed) third.next(ByteBuffer.wrap(literalAndLineEnd))).command();
        assertEquals(5000, memory.used());
        command.close();
        command.close();
        assertEquals(0, memory.used(), "a literal is given back once, however often its command is closed");
    }

    @Test
    void anEndlessLineHoldsNoMoreThanTheLimit() throws IOException {
        InputMemory memory = new InputMemory(1 << 20);
        CommandFramer framer = new CommandFramer(8192, 1000, memory);
        assertInstanceOf(CommandFramer.Overflow.class, framer.next(bytes("a NOOP " + "z".repeat(10_000))));
        for (int i = 0; i < 1000; i++) {
            assertNull(framer.next(ByteBuffer.wrap(new byte[10_000])));
            assertEquals(0, memory.used());
        }
    }
}
