package org.storemulti.imap.response;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.imap.command.MailboxName;
import org.storemulti.imap.testing.RecordingWire;

class ResponseWriterTest {

    @Test
    void aCommandsResponsesLeaveInOneWrite() throws IOException {
        RecordingWire wire = new RecordingWire();
        ResponseWriter out = new ResponseWriter(wire);
        out.untagged().number(3).raw(" EXISTS").end();
        out.untagged().raw("FLAGS ").open().raw("\\Seen").close().end();
        out.status("a1", Status.OK, "READ-WRITE", "SELECT completed");
        assertEquals(List.of(), wire.writes);
        out.flush();
        assertEquals(List.of("* 3 EXISTS\r\n* FLAGS (\\Seen)\r\na1 OK [READ-WRITE] SELECT completed\r\n"), wire.writes);
        out.flush();
        assertEquals(1, wire.writes.size(), "nothing new, nothing written");
    }

    @Test
    void stringsAreQuotedWhenTheyCanBeAndLiteralsOtherwise() throws IOException {
        RecordingWire wire = new RecordingWire();
        ResponseWriter out = new ResponseWriter(wire);
        out.string("plain").sp().string("with \"quotes\" and \\").sp().string("caf\u00e9").sp().string("a\r\nb").sp()
                .nstring(null).sp().astring("INBOX").sp().astring("two words").sp().astring("NIL").sp()
                .mailbox(new MailboxName("\u53f0\u5317 & co")).end().flush();
        assertEquals("\"plain\" \"with \\\"quotes\\\" and \\\\\" {5}\r\ncaf\u00c3\u00a9 {4}\r\na\r\nb NIL INBOX \"two words\""
                + " \"NIL\" \"&U,BTFw- &- co\"\r\n", wire.writes.get(0));
    }

    @Test
    void aLongListOfNumbersCrossesBufferBoundariesIntact() throws IOException {
        Random random = new Random(14);
        long[] numbers = new long[20_000];
        StringBuilder expected = new StringBuilder("* SEARCH");
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = i % 7 == 0 ? random.nextLong() & Long.MAX_VALUE : random.nextInt(100_000);
            expected.append(' ').append(numbers[i]);
        }
        RecordingWire wire = new RecordingWire();
        new ResponseWriter(wire).untagged().raw("SEARCH").numbers(numbers).end().flush();
        assertEquals(expected + "\r\n", wire.all.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void resptextCannotBreakTheLine() throws IOException {
        RecordingWire wire = new RecordingWire();
        new ResponseWriter(wire).status("t", Status.NO, null, "bad\r\n* OK injected \u00e9").flush();
        assertEquals(List.of("t NO bad  * OK injected ?\r\n"), wire.writes);
    }

    @Test
    void aLargeResponseGoesOutInBufferSizedPiecesAndLargeLiteralsStream(@TempDir Path directory) throws IOException {
        byte[] body = new byte[100_000];
        new Random(1).nextBytes(body);
        Path file = directory.resolve("message");
        Files.write(file, body);
        RecordingWire wire = new RecordingWire();
        ResponseWriter out = new ResponseWriter(wire);
        try (FileChannel channel = FileChannel.open(file)) {
            out.untagged().raw("1 FETCH (BODY[] ").literal(new LiteralSource.FileRange(channel, 0, body.length)).raw(")")
                    .end();
            out.untagged().raw("2 FETCH (BODY[] ").literal(new LiteralSource.Stream(new ByteArrayInputStream(body),
                    body.length)).raw(")").end();
            out.untagged().raw("3 FETCH (BODY[]<10> ").literal(new LiteralSource.FileRange(channel, 10, 20)).raw(")")
                    .end();
            out.status("f", Status.OK, null, "FETCH completed").flush();
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes("* 1 FETCH (BODY[] {100000}\r\n".getBytes(StandardCharsets.US_ASCII));
        expected.writeBytes(body);
        expected.writeBytes(")\r\n* 2 FETCH (BODY[] {100000}\r\n".getBytes(StandardCharsets.US_ASCII));
        expected.writeBytes(body);
        expected.writeBytes(")\r\n* 3 FETCH (BODY[]<10> {20}\r\n".getBytes(StandardCharsets.US_ASCII));
        expected.write(body, 10, 20);
        expected.writeBytes(")\r\nf OK FETCH completed\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(new String(expected.toByteArray(), StandardCharsets.ISO_8859_1),
                new String(wire.all.toByteArray(), StandardCharsets.ISO_8859_1));
        for (String write : wire.writes) {
            assertEquals(true, write.length() <= Math.max(ResponseWriter.BUFFER, body.length), "bounded pieces");
        }
        assertEquals(true, wire.writes.size() < 20, wire.writes.size() + " writes");
    }
}
