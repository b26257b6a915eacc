package org.storemulti.sync.mbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever goes into an mbox through the writer comes out of the reader unchanged. */
class MboxRoundTripTest {

    @TempDir
    static Path realTemp;

    static Stream<Arguments> fileSystems() throws IOException {
        return FileSystems.both(realTemp);
    }

    static Stream<Arguments> seeds() throws IOException {
        List<Arguments> all = new ArrayList<>();
        for (long seed = 1; seed <= 6; seed++) {
            for (Arguments fs : FileSystems.both(realTemp).toList()) {
                all.add(Arguments.of(fs.get()[0], fs.get()[1], seed));
            }
        }
        return all.stream();
    }

    private static final ZoneId ZONE = ZoneOffset.UTC;

    private static MboxWriteOptions keepBytes() {
        return MboxWriteOptions.defaults().withZone(ZONE).withUnixLineEnds(false);
    }

    /** Everything the reader gives back, message by message. */
    record Read(MboxMessage message, byte[] content, long rawOffset) {
    }

    static List<Read> readAll(Path mbox, MboxFormat format) throws IOException {
        List<Read> all = new ArrayList<>();
        try (MboxReader reader = MboxReader.open(mbox, format)) {
            while (reader.next()) {
                try (InputStream content = reader.content()) {
                    all.add(new Read(reader.message(), content.readAllBytes(), reader.rawOffset()));
                }
            }
        }
        return all;
    }

    private static void assertSame(List<RandomMessages.Sample> written, List<Read> read, boolean uids) {
        assertEquals(written.size(), read.size(), "message count");
        for (int i = 0; i < written.size(); i++) {
            MboxMessage w = written.get(i).message();
            MboxMessage r = read.get(i).message();
            String where = "message " + i;
            assertArrayEquals(written.get(i).content(), read.get(i).content(), where + " content");
            assertEquals(w.internalDate(), r.internalDate(), where + " date");
            assertEquals(FromLine.safeSender(w.sender()), r.sender().isEmpty() ? "MAILER-DAEMON" : r.sender(), where);
            assertEquals(w.flags(), r.flags(), where + " flags");
            assertEquals(uids ? w.uid() : 0, r.uid(), where + " uid");
        }
    }

    @ParameterizedTest(name = "{0} seed {2}")
    @MethodSource("seeds")
    void aReplacedFileReadsBackByteForByteWithFlagsDatesAndUids(String fs, Path dir, long seed) throws IOException {
        Path mbox = dir.resolve("box" + seed);
        List<RandomMessages.Sample> samples = new RandomMessages(seed).messages(40, 100);
        MboxFolder folder = new MboxFolder(1234567, 1, List.of("work"));
        try (MboxWriter writer = MboxWriter.replace(mbox, keepBytes().withFolder(folder), null)) {
            for (RandomMessages.Sample sample : samples) {
                writer.add(sample.message(), new ByteArrayInputStream(sample.content()));
            }
            assertTrue(writer.commit().uidsKept());
        }
        assertSame(samples, readAll(mbox, MboxFormat.defaults().withZone(ZONE)), true);
        try (MboxReader reader = MboxReader.open(mbox, MboxFormat.defaults().withZone(ZONE))) {
            assertEquals(1234567, reader.folder().uidValidity());
            assertEquals(samples.get(samples.size() - 1).message().uid() + 1, reader.folder().uidNext());
            assertEquals(List.of("work"), reader.folder().keywords());
        }
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().startsWith(".")), "no staging left");
    }

    @ParameterizedTest(name = "{0} seed {2}")
    @MethodSource("seeds")
    void appendsInSeveralCommitsReadBackAsOneFileAndKeepRaisingUidNext(String fs, Path dir, long seed)
            throws IOException {
        Path mbox = dir.resolve("append" + seed);
        List<RandomMessages.Sample> samples = new RandomMessages(seed * 31).messages(30, 10);
        MboxWriteOptions options = keepBytes().withFolder(new MboxFolder(99, 1, List.of()));
        for (int from = 0; from < samples.size(); from += 7) {
            try (MboxWriter writer = MboxWriter.append(mbox, options)) {
                for (RandomMessages.Sample sample : samples.subList(from, Math.min(samples.size(), from + 7))) {
                    writer.add(sample.message(), new ByteArrayInputStream(sample.content()));
                }
                assertTrue(writer.commit().uidsKept());
            }
        }
        assertSame(samples, readAll(mbox, MboxFormat.defaults().withZone(ZONE)), true);
        try (MboxReader reader = MboxReader.open(mbox, MboxFormat.defaults().withZone(ZONE))) {
            assertEquals(samples.get(samples.size() - 1).message().uid() + 1, reader.folder().uidNext());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void unixLineEndsTurnCrlfIntoLfAndNothingElse(String fs, Path dir) throws IOException {
        Path mbox = dir.resolve("unix");
        List<RandomMessages.Sample> samples = new RandomMessages(7).messages(30, 0);
        try (MboxWriter writer = MboxWriter.replace(mbox, keepBytes().withUnixLineEnds(true), null)) {
            for (RandomMessages.Sample sample : samples) {
                writer.add(sample.message(), new ByteArrayInputStream(sample.content()));
            }
            writer.commit();
        }
        List<Read> read = readAll(mbox, MboxFormat.defaults().withZone(ZONE));
        assertFalse(new String(Files.readAllBytes(mbox), StandardCharsets.ISO_8859_1).contains("\r\n"));
        for (int i = 0; i < samples.size(); i++) {
            String expected = new String(samples.get(i).content(), StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
            assertEquals(expected, new String(read.get(i).content(), StandardCharsets.ISO_8859_1), "message " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aMessageWithoutFinalLineEndGainsOneAndStateFieldsItBroughtAreReplacedByOurs(String fs, Path dir)
            throws IOException {
        Path mbox = dir.resolve("odd");
        byte[] content = "Subject: x\nStatus: RO\nX-Keywords: old\n\tfolded\nX-UID: 5\n\nno final line end"
                .getBytes(StandardCharsets.US_ASCII);
        MboxMessage message = new MboxMessage("a@b", java.time.Instant.parse("2024-05-06T07:08:09Z"),
                java.util.Set.of("\\Flagged", "new"), 0);
        try (MboxWriter writer = MboxWriter.replace(mbox, keepBytes(), null)) {
            writer.add(message, new ByteArrayInputStream(content));
            writer.commit();
        }
        List<Read> read = readAll(mbox, MboxFormat.defaults().withZone(ZONE));
        assertEquals("Subject: x\n\nno final line end\n", new String(read.get(0).content(), StandardCharsets.US_ASCII));
        assertEquals(java.util.Set.of("\\Flagged", "new"), read.get(0).message().flags());
        assertEquals(0, read.get(0).message().uid(), "no X-IMAPbase, so no UIDs");
    }
}
