package org.storemulti.sync.mbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** mbox files other programs wrote (test-fixtures/mbox) read as those programs meant them. */
class MboxReaderTest {

    private static final Path FIXTURES = Path.of(System.getProperty("storemulti.checkout", "..")).resolve("test-fixtures/mbox");

    @TempDir
    static Path realTemp;

    static Stream<Arguments> fileSystems() throws IOException {
        return FileSystems.both(realTemp);
    }

    /** The fixture copied into {@code dir} (so every case runs on jimfs too). */
    private static Path fixture(Path dir, String name) throws IOException {
        Path copy = dir.resolve(name);
        Files.write(copy, Files.readAllBytes(FIXTURES.resolve(name)));
        return copy;
    }

    private static List<MboxRoundTripTest.Read> read(Path mbox, MboxFormat format) throws IOException {
        return MboxRoundTripTest.readAll(mbox, format.withZone(ZoneOffset.UTC));
    }

    private static String text(MboxRoundTripTest.Read read) {
        return new String(read.content(), StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aSpoolPostfixDeliveredReadsAsMboxoWithBodyLinesAsSentButForMboxosOneAmbiguity(String fs, Path dir)
            throws IOException {
        List<MboxRoundTripTest.Read> messages = read(fixture(dir, "postfix-local.mbox"), MboxFormat.mboxo());
        assertEquals(3, messages.size());
        assertEquals("joe@example.org", messages.get(0).message().sender());
        assertEquals(Instant.parse("2026-12-07T16:52:52Z"), messages.get(0).message().internalDate());
        // sent: "From the start", ">From quoted already", ">>From twice"; Postfix quoted only the
        // first, so the second cannot be told from a quoted one
        assertTrue(text(messages.get(0)).endsWith("\n\nFrom the start\nFrom quoted already\n>>From twice\n"
                + "From: not a header here\n\nlast line\n"), text(messages.get(0)));
        assertTrue(text(messages.get(0)).startsWith("Return-Path: <joe@example.org>\n"));
        assertEquals("MAILER-DAEMON", messages.get(1).message().sender());
        assertTrue(text(messages.get(2)).endsWith("\n\nno newline at end\n"), "Postfix added the line end");
        assertEquals(Set.of(), messages.get(0).message().flags());
        assertEquals(0, messages.get(0).message().uid());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void readAsMboxrdThePostfixSpoolLosesAQuoteOnEveryQuotedLine(String fs, Path dir) throws IOException {
        List<MboxRoundTripTest.Read> messages = read(fixture(dir, "postfix-local.mbox"), MboxFormat.defaults());
        assertTrue(text(messages.get(0)).contains("\nFrom the start\nFrom quoted already\n>From twice\n"),
                "why a spool is read as mboxo");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aDovecotMboxGivesUidsFlagsKeywordsAndItsBodiesUnquoted(String fs, Path dir) throws IOException {
        Path mbox = fixture(dir, "dovecot.mbox");
        List<MboxRoundTripTest.Read> messages = read(mbox, MboxFormat.mboxcl2());
        assertEquals(2, messages.size());
        assertEquals("Subject: one\nMessage-ID: <d1@example.org>\n\nFrom the body\n>From quoted\n",
                text(messages.get(0)), "as doveadm save got it: state fields and Content-Length are framing");
        assertEquals(Set.of("\\Seen", "\\Answered", "work", "$Label1"), messages.get(0).message().flags());
        assertEquals(Set.of("\\Flagged", "\\Deleted"), messages.get(1).message().flags());
        assertEquals(List.of(1L, 2L), messages.stream().map(m -> m.message().uid()).toList());
        try (MboxReader reader = MboxReader.open(mbox, MboxFormat.mboxcl2())) {
            assertEquals(new MboxFolder(1796662397L, 2, List.of("work", "$Label1")), reader.folder(),
                    "UIDNEXT as the file says it: Dovecot raises it lazily");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void uwImapsPseudoMessageIsFolderStateNotAMessage(String fs, Path dir) throws IOException {
        Path mbox = fixture(dir, "uw-imap.mbox");
        List<MboxRoundTripTest.Read> messages = read(mbox, MboxFormat.defaults());
        assertEquals(2, messages.size());
        assertEquals("Subject: first real\n\nbody one\n", text(messages.get(0)));
        assertEquals(Set.of("$Forwarded"), messages.get(0).message().flags());
        assertEquals(Set.of("\\Seen", "\\Answered"), messages.get(1).message().flags());
        assertEquals(List.of(3L, 4L), messages.stream().map(m -> m.message().uid()).toList());
        try (MboxReader reader = MboxReader.open(mbox, MboxFormat.defaults())) {
            assertEquals(new MboxFolder(1704276000L, 5, List.of("$Forwarded")), reader.folder());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void contentLengthIsUsedOnlyWhereItLandsOnASeparator(String fs, Path dir) throws IOException {
        Path mbox = fixture(dir, "mboxcl2.mbox");
        List<MboxRoundTripTest.Read> honoured = read(mbox, MboxFormat.mboxcl2());
        assertEquals(3, honoured.size());
        assertEquals("Subject: unquoted body\n\nA body line that looks like a separator:\n"
                + "From joe Thu Jan  4 08:00:00 2024\n", text(honoured.get(0)));
        assertEquals("Subject: wrong length\nContent-Length: 5000\n\nshort body\n".replace("Content-Length: 5000\n", ""),
                text(honoured.get(1)), "a wrong length is ignored (and still dropped as framing)");
        List<MboxRoundTripTest.Read> ignored = read(mbox, MboxFormat.defaults());
        assertEquals(4, ignored.size(), "without Content-Length the separator-like body line splits, as mutt would");
        assertTrue(text(ignored.get(0)).contains("Content-Length: 75"), "not framing here: kept as content");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aLengthThatWouldSwallowTheNextMessageIsIgnoredByDefault(String fs, Path dir) throws IOException {
        Path mbox = dir.resolve("crafted");
        String second = "From b@example.org Thu Jan  4 08:01:00 2024\nSubject: victim\n\nhidden?\n\n";
        String first = "From a@example.org Thu Jan  4 08:00:00 2024\nSubject: attacker\nContent-Length: "
                + ("x\n\n".length() + second.length()) + "\n\nx\n\n";
        Files.writeString(mbox, first + second + "From c@example.org Thu Jan  4 08:02:00 2024\nSubject: third\n\nz\n\n",
                StandardCharsets.ISO_8859_1);
        assertEquals(3, read(mbox, MboxFormat.defaults()).size());
        assertEquals(2, read(mbox, MboxFormat.defaults().honouringContentLength()).size(), "why it is off by default");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void crlfFilesAndSeparatorsWithoutAnEmptyLineBeforeThemAreRead(String fs, Path dir) throws IOException {
        Path mbox = dir.resolve("crlf");
        Files.writeString(mbox, "From a Thu Jan  4 08:00:00 2024\r\nSubject: one\r\n\r\nbody\r\n\r\n"
                + "From b Thu Jan  4 08:01:00 2024\r\nSubject: two\r\n\r\nno blank line follows\r\n"
                + "From c Thu Jan  4 08:02:00 2024\r\nSubject: three\r\n", StandardCharsets.US_ASCII);
        List<MboxRoundTripTest.Read> messages = read(mbox, MboxFormat.defaults());
        assertEquals(List.of("Subject: one\r\n\r\nbody\r\n", "Subject: two\r\n\r\nno blank line follows\r\n",
                "Subject: three\r\n"), messages.stream().map(MboxReaderTest::text).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aFileThatIsNoMboxIsNamedWithTheFix(String fs, Path dir) throws IOException {
        Path notMbox = dir.resolve("notes.txt");
        Files.writeString(notMbox, "Subject: hello\n\nnot an mbox\n");
        MboxFormatException e = assertThrows(MboxFormatException.class, () -> MboxReader.open(notMbox, MboxFormat.defaults()));
        assertEquals(notMbox + ": not an mbox file: line 1 is not a 'From sender date' line", e.getMessage());
        Path empty = Files.createFile(dir.resolve("empty"));
        try (MboxReader reader = MboxReader.open(empty, MboxFormat.defaults())) {
            assertFalse(reader.next());
            assertNull(reader.folder());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void contentNotReadIsSkippedAndMessageIdsAndRawSpansAreReported(String fs, Path dir) throws IOException {
        Path mbox = fixture(dir, "postfix-local.mbox");
        byte[] file = Files.readAllBytes(mbox);
        try (MboxReader reader = MboxReader.open(mbox, MboxFormat.mboxo())) {
            assertTrue(reader.next());
            assertEquals("<q1@example.org>", reader.messageId());
            try (InputStream partly = reader.content()) {
                partly.readNBytes(10);
            }
            assertTrue(reader.next());
            assertEquals("<b1@example.org>", reader.messageId());
            String raw = new String(file, (int) reader.rawOffset(), (int) reader.rawLength(), StandardCharsets.ISO_8859_1);
            assertTrue(raw.startsWith("From MAILER-DAEMON  Mon Dec  7 16:52:52 2026\n"), raw);
            assertTrue(raw.endsWith("\nbounced\n"), raw);
        }
    }

    @Test
    void aMessageOfManyMegabytesOnOneLineStreamsThrough(@TempDir Path dir) throws IOException {
        Path mbox = dir.resolve("big");
        byte[] line = "y".repeat(5 << 20).getBytes(StandardCharsets.US_ASCII);
        try (var out = Files.newOutputStream(mbox)) {
            out.write("From a Thu Jan  4 08:00:00 2024\nSubject: big\n\n".getBytes(StandardCharsets.US_ASCII));
            out.write(line);
            out.write("\n\nFrom b Thu Jan  4 08:01:00 2024\nSubject: small\n\nx\n\n".getBytes(StandardCharsets.US_ASCII));
        }
        try (MboxReader reader = MboxReader.open(mbox, MboxFormat.defaults())) {
            assertTrue(reader.next());
            long length;
            try (InputStream content = reader.content()) {
                length = content.transferTo(java.io.OutputStream.nullOutputStream());
            }
            assertEquals("Subject: big\n\n".length() + line.length + 1, length);
            assertTrue(reader.next());
            assertEquals("b", reader.message().sender());
            assertFalse(reader.next());
        }
    }
}
