package org.storemulti.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemulti.fs.DirectorySync;
import org.storemulti.store.message.MessageEnvelope;
import org.storemulti.store.message.MessageEnvelope.Recipient;
import org.storemulti.store.message.MessageFiles;
import org.storemulti.store.message.StagedFile;
import org.storemulti.testing.FileSystemsUnderTest;

/** The message file format and layout, on jimfs and on the real file system. */
class MessageFilesTest {

    static final Instant DATE = Instant.parse("2026-11-23T09:30:00Z");

    @TempDir
    static Path realTemp;

    static Stream<Arguments> roots() {
        return FileSystemsUnderTest.both(realTemp);
    }

    static MessageFiles files(Path root) throws Exception {
        Files.createDirectories(root);
        return new MessageFiles(root, DirectorySync.forPath(root), Clock.fixed(DATE, ZoneOffset.UTC));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void aFileCarriesItsEnvelopeAheadOfTheUnchangedMessage(String fileSystem, Path root) throws Exception {
        MessageFiles files = files(root);
        byte[] body = "Subject: hi\r\n\r\nbody\r\n".getBytes(UTF_8);
        MessageEnvelope envelope = new MessageEnvelope(DATE, List.of(new Recipient("example.com", "user/joe/INBOX"),
                new Recipient("example.com", "shared/a b,c:d")));
        StagedFile staged = files.write(body, envelope);
        files.syncDirectories(List.of(staged));
        assertArrayEquals(body, files.readBody(staged.path()));
        assertEquals(envelope, files.readEnvelope(staged.path()));
        assertEquals(body.length, staged.bodySize());
        assertEquals(Files.size(files.resolve(staged.path())), staged.fileSize());
        assertEquals(new MessageFiles.FileFacts(envelope, body.length, staged.fileSize()), files.inspect(staged.path()));
        byte[] all = Files.readAllBytes(files.resolve(staged.path()));
        String firstLine = new String(all, 0, all.length - body.length, UTF_8);
        assertEquals("X-Store-Envelope: v=1; date=" + DATE.toEpochMilli()
                + "; rcpt=example.com:user%2Fjoe%2FINBOX,example.com:shared%2Fa+b%2Cc%3Ad\r\n", firstLine);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void aFileWithoutEnvelopeIsReadWhole(String fileSystem, Path root) throws Exception {
        MessageFiles files = files(root);
        Files.createDirectories(root.resolve("00"));
        Files.writeString(root.resolve("00/foreign"), "Subject: x\r\n\r\nbody");
        assertEquals(null, files.readEnvelope("00/foreign"));
        assertEquals(new MessageFiles.FileFacts(null, 18, 18), files.inspect("00/foreign"));
        assertEquals("Subject: x\r\n\r\nbody", new String(files.readBody("00/foreign"), UTF_8));
        try (var in = files.openBody("00/foreign")) {
            assertEquals("Subject: x\r\n\r\nbody", new String(in.readAllBytes(), UTF_8));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void filesWrittenTogetherShareOneDirectoryAndTempFilesAreListedApart(String fileSystem, Path root) throws Exception {
        MessageFiles files = files(root);
        StagedFile a = files.write(new byte[] {1}, new MessageEnvelope(DATE, List.of()));
        StagedFile b = files.write(new byte[] {2}, new MessageEnvelope(DATE, List.of()));
        assertEquals(new MessageEnvelope(DATE, List.of()), files.readEnvelope(b.path()));
        assertEquals(a.path().substring(0, 3), b.path().substring(0, 3));
        Files.writeString(files.resolve(a.path()).resolveSibling(".tmp-x"), "partial");
        assertTrue(files.listAll().containsAll(List.of(a.path(), b.path())));
        assertTrue(files.listTemporary().contains(a.path().substring(0, 3) + ".tmp-x"));
        files.deleteQuietly(List.of(a.path(), "ff/does-not-exist"));
        assertTrue(!files.listAll().contains(a.path()) && files.listAll().contains(b.path()));
    }
}
