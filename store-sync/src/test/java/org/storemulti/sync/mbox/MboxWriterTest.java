package org.storemulti.sync.mbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
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

/** Appending and replacing: what the mailbox holds after a commit, a refusal or a failure. */
class MboxWriterTest {

    private static final Path FIXTURES = Path.of(System.getProperty("storemulti.checkout", "..")).resolve("test-fixtures/mbox");
    private static final MboxMessage SEEN = new MboxMessage("ann@example.org", Instant.parse("2024-02-03T04:05:06Z"),
            Set.of("\\Seen", "work"), 0);

    @TempDir
    static Path realTemp;

    static Stream<Arguments> fileSystems() throws IOException {
        return FileSystems.both(realTemp);
    }

    private static MboxWriteOptions options() {
        return MboxWriteOptions.defaults().withZone(ZoneOffset.UTC);
    }

    private static ByteArrayInputStream content(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Path copyOf(Path dir, String fixture) throws IOException {
        Path copy = dir.resolve(fixture);
        Files.write(copy, Files.readAllBytes(FIXTURES.resolve(fixture)));
        return copy;
    }

    private static List<Path> hiddenFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void appendingToAPostfixSpoolLeavesItsMessagesAloneAndKeepsNoUidsItNeverHad(String fs, Path dir) throws IOException {
        Path spool = copyOf(dir, "postfix-local.mbox");
        byte[] before = Files.readAllBytes(spool);
        try (MboxWriter writer = MboxWriter.append(spool, options().withFolder(new MboxFolder(5, 1, List.of())))) {
            writer.add(new MboxMessage("ann@example.org", SEEN.internalDate(), SEEN.flags(), 7),
                    content("Subject: added\n\nFrom me\n"));
            MboxWriter.Committed done = writer.commit();
            assertFalse(done.uidsKept(), "the spool has no X-IMAPbase to keep UIDs against");
        }
        byte[] after = Files.readAllBytes(spool);
        assertArrayEquals(before, java.util.Arrays.copyOf(after, before.length));
        List<MboxRoundTripTest.Read> read = MboxRoundTripTest.readAll(spool, MboxFormat.mboxo().withZone(ZoneOffset.UTC));
        assertEquals(4, read.size());
        assertEquals("Subject: added\n\nFrom me\n", new String(read.get(3).content(), StandardCharsets.US_ASCII));
        assertEquals(Set.of("\\Seen", "work"), read.get(3).message().flags());
        assertEquals(List.of(), hiddenFiles(dir));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void anAppendAfterAMessageWithoutItsEmptyLineAddsOneFirst(String fs, Path dir) throws IOException {
        for (String tail : List.of("body", "body\n", "body\n\n")) {
            Path mbox = dir.resolve("tail" + tail.length());
            Files.writeString(mbox, "From a Thu Jan  4 08:00:00 2024\nSubject: one\n\n" + tail);
            try (MboxWriter writer = MboxWriter.append(mbox, options())) {
                writer.add(SEEN, content("Subject: two\n\nx\n"));
                writer.commit();
            }
            List<MboxRoundTripTest.Read> read = MboxRoundTripTest.readAll(mbox, MboxFormat.defaults().withZone(ZoneOffset.UTC));
            assertEquals(2, read.size(), tail);
            assertEquals("Subject: one\n\nbody\n", new String(read.get(0).content(), StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aCopyThatWouldHoldTheLocksTooLongIsCutBackAndTheMailboxIsAsBefore(String fs, Path dir) throws IOException {
        Path spool = copyOf(dir, "postfix-local.mbox");
        byte[] before = Files.readAllBytes(spool);
        MboxWriteOptions impatient = options().withLocks(LockPolicy.defaults().withMaxHold(Duration.ofNanos(1)));
        try (MboxWriter writer = MboxWriter.append(spool, impatient)) {
            writer.add(SEEN, content("Subject: big\n\n" + "z".repeat(3 << 20) + "\n"));
            MailboxLockedException e = assertThrows(MailboxLockedException.class, writer::commit);
            assertTrue(e.getMessage().startsWith(spool + ": gave up after holding the mail locks for 0 s"), e.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(spool));
        assertEquals(List.of(), hiddenFiles(dir), "no staging file and no lock left");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void appendsToAFileThatKeepsUidsRaiseUidNextInPlace(String fs, Path dir) throws IOException {
        Path mbox = dir.resolve("folder");
        MboxWriteOptions withUids = options().withFolder(new MboxFolder(777, 10, List.of("work")));
        try (MboxWriter writer = MboxWriter.replace(mbox, withUids, null)) {
            writer.add(new MboxMessage("a", SEEN.internalDate(), Set.of(), 10), content("Subject: 10\n\nx\n"));
            writer.commit();
        }
        long headerEnd = Files.readString(mbox, StandardCharsets.ISO_8859_1).indexOf("\n\n");
        try (MboxWriter writer = MboxWriter.append(mbox, withUids)) {
            IllegalArgumentException low = assertThrows(IllegalArgumentException.class,
                    () -> writer.add(new MboxMessage("b", SEEN.internalDate(), Set.of(), 10), content("x\n")));
            assertEquals(mbox + ": UID 10 is not above 10 (UIDs must grow through the file)", low.getMessage());
            writer.add(new MboxMessage("b", SEEN.internalDate(), Set.of(), 15), content("Subject: 15\n\ny\n"));
            assertTrue(writer.commit().uidsKept());
        }
        assertEquals(headerEnd, Files.readString(mbox, StandardCharsets.ISO_8859_1).indexOf("\n\n"), "raised in place");
        try (MboxReader reader = MboxReader.open(mbox, MboxFormat.defaults().withZone(ZoneOffset.UTC))) {
            assertEquals(new MboxFolder(777, 16, List.of("work")), reader.folder());
            assertTrue(reader.next());
            assertEquals(10, reader.message().uid());
            assertTrue(reader.next());
            assertEquals(15, reader.message().uid());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aNewFilePlanIsRefusedIfMailArrivedMeanwhileAndNothingIsWritten(String fs, Path dir) throws IOException {
        Path mbox = dir.resolve("new");
        try (MboxWriter writer = MboxWriter.append(mbox, options().withFolder(new MboxFolder(1, 1, List.of())))) {
            writer.add(new MboxMessage("a", SEEN.internalDate(), Set.of(), 1), content("Subject: ours\n\nx\n"));
            Files.writeString(mbox, "From pf Thu Jan  4 08:00:00 2024\nSubject: delivered\n\nz\n\n");
            MailboxChangedException e = assertThrows(MailboxChangedException.class, writer::commit);
            assertEquals(mbox + ": it received messages while we prepared our write; nothing was written: run again",
                    e.getMessage());
        }
        assertEquals(1, MboxRoundTripTest.readAll(mbox, MboxFormat.defaults()).size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aReplaceIsRefusedWhenTheMailboxChangedSinceItWasReadAndKeepsOwnerGroupAndModeOtherwise(String fs, Path dir)
            throws IOException {
        Path mbox = copyOf(dir, "postfix-local.mbox");
        Files.setPosixFilePermissions(mbox, PosixFilePermissions.fromString("rw-rw----"));
        MboxState read = MboxState.of(mbox);
        try (MboxWriter writer = MboxWriter.replace(mbox, options(), read)) {
            writer.add(SEEN, content("Subject: kept\n\nx\n"));
            Files.writeString(mbox, "From pf Thu Jan  4 08:00:00 2024\nSubject: new\n\nz\n\n",
                    java.nio.file.StandardOpenOption.APPEND);
            assertThrows(MailboxChangedException.class, writer::commit);
        }
        assertEquals(4, MboxRoundTripTest.readAll(mbox, MboxFormat.mboxo()).size(), "the delivery is still there");
        Object inodeBefore = Files.readAttributes(mbox, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        try (MboxWriter writer = MboxWriter.replace(mbox, options(), MboxState.of(mbox))) {
            writer.add(SEEN, content("Subject: kept\n\nx\n"));
            writer.commit();
        }
        assertEquals(1, MboxRoundTripTest.readAll(mbox, MboxFormat.defaults()).size());
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(mbox)));
        assertNotEquals(inodeBefore, Files.readAttributes(mbox, java.nio.file.attribute.BasicFileAttributes.class).fileKey(),
                "a new file renamed into place");
        assertEquals(List.of(), hiddenFiles(dir));
    }

    @Test
    void aReplacedSpoolFileStaysItsUsersWithTheMailGroup(@TempDir Path dir) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "giving a file to another user needs root");
        Path mbox = copyOf(dir, "postfix-local.mbox");
        new MailboxOwnership("nobody", "mail", PosixFilePermissions.fromString("rw-------")).applyTo(mbox);
        try (MboxWriter writer = MboxWriter.replace(mbox, options(), null)) {
            writer.add(SEEN, content("Subject: kept\n\nx\n"));
            writer.commit();
        }
        assertEquals(new MailboxOwnership("nobody", "mail", PosixFilePermissions.fromString("rw-------")),
                MailboxOwnership.of(mbox));
        assertEquals("nobody", Files.getOwner(mbox, LinkOption.NOFOLLOW_LINKS).getName());
    }

    @Test
    void pythonsMailboxModuleReadsWhatWeWriteWithFlagsAndSendersAndTheSameBodies(@TempDir Path dir) throws Exception {
        assumeTrue(Processes.onPath("python3"), "python3 needed");
        Path mbox = dir.resolve("export");
        List<RandomMessages.Sample> samples = new RandomMessages(42).messages(25, 0).stream()
                .filter(s -> s.content().length > 0).toList();
        try (MboxWriter writer = MboxWriter.replace(mbox, options(), null)) {
            for (RandomMessages.Sample sample : samples) {
                writer.add(sample.message(), new ByteArrayInputStream(sample.content()));
            }
            writer.commit();
        }
        // Python splits the file and reports each From line and flags; the check takes our state
        // fields (written first) off the front and undoes mboxrd quoting itself
        String script = String.join("\n", "import mailbox, re, sys, hashlib",
                "box = mailbox.mbox(sys.argv[1], create=False)",
                "for key in box.iterkeys():",
                "    m = box.get_message(key)",
                "    raw = box.get_bytes(key)",
                "    while re.match(rb'(X-UID|Status|X-Status|X-Keywords): [^\\n]*\\n', raw):",
                "        raw = raw[raw.index(b'\\n') + 1:]",
                "    raw = re.sub(rb'(?m)^>(>*From )', rb'\\1', raw)",
                "    print(m.get_from().split(' ')[0], ''.join(sorted(m.get_flags())), hashlib.sha256(raw).hexdigest())");
        String[] lines = Processes.output("python3", "-c", script, mbox.toString()).split("\n");
        assertEquals(samples.size(), lines.length, String.join("\n", lines));
        for (int i = 0; i < samples.size(); i++) {
            MboxMessage message = samples.get(i).message();
            String[] words = lines[i].split(" ");
            assertEquals(FromLine.safeSender(message.sender()), words[0]);
            java.util.TreeSet<Character> letters = new java.util.TreeSet<>(List.of('O'));
            String[][] letterOf = {{"\\Seen", "R"}, {"\\Answered", "A"}, {"\\Flagged", "F"}, {"\\Draft", "T"},
                {"\\Deleted", "D"}};
            for (String[] pair : letterOf) {
                if (message.flags().contains(pair[0])) {
                    letters.add(pair[1].charAt(0));
                }
            }
            StringBuilder flags = new StringBuilder();
            letters.forEach(flags::append);
            assertEquals(flags.toString(), words.length > 2 ? words[1] : "", "message " + i);
            String unix = new String(samples.get(i).content(), StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
            assertEquals(sha256(unix.getBytes(StandardCharsets.ISO_8859_1)), words[words.length - 1], "message " + i);
        }
    }

    @Test
    void whatPythonsMailboxModuleWritesReadsBackAsMboxo(@TempDir Path dir) throws Exception {
        assumeTrue(Processes.onPath("python3"), "python3 needed");
        Path mbox = dir.resolve("python");
        String script = String.join("\n", "import mailbox, sys",
                "box = mailbox.mbox(sys.argv[1])",
                "m = mailbox.mboxMessage(b'Subject: p\\n\\nFrom the start\\nplain\\n')",
                "m.set_from('py@example.org', (2024, 3, 4, 5, 6, 7, 0, 1, 0))",
                "m.set_flags('RFA')",
                "box.add(m)",
                "box.add(mailbox.mboxMessage(b'Subject: q\\n\\nsecond\\n'))",
                "box.flush()");
        assertEquals("", Processes.output("python3", "-c", script, mbox.toString()));
        List<MboxRoundTripTest.Read> read = MboxRoundTripTest.readAll(mbox, MboxFormat.mboxo().withZone(ZoneOffset.UTC));
        assertEquals(2, read.size());
        assertEquals("py@example.org", read.get(0).message().sender());
        assertEquals(Instant.parse("2024-03-04T05:06:07Z"), read.get(0).message().internalDate());
        assertEquals(Set.of("\\Seen", "\\Flagged", "\\Answered"), read.get(0).message().flags());
        assertEquals("Subject: p\n\nFrom the start\nplain\n", new String(read.get(0).content(), StandardCharsets.US_ASCII));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
