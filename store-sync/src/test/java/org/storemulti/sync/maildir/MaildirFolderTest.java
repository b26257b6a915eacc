package org.storemulti.sync.maildir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemulti.store.name.Guid;
import org.storemulti.sync.mbox.FileSystems;

/** One maildir folder, written and read, on jimfs and on the real file system. */
class MaildirFolderTest {

    @TempDir
    static Path realTemp;

    static Stream<Arguments> fileSystems() throws IOException {
        return FileSystems.both(realTemp);
    }

    private static final String[] KEYWORDS = {"$Forwarded", "Junk", "$label1", "work", "todo"};
    private static final String[] SYSTEM = {"\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft"};

    private final List<String> notices = new ArrayList<>();

    private MaildirOptions options() {
        return MaildirOptions.defaults().withNotices(notices::add).withLockWait(Duration.ofMillis(300));
    }

    private MaildirFolder newFolder(Path dir) throws IOException {
        MaildirFolder folder = Maildir.at(dir, new FolderNames('_'), options()).folder("INBOX");
        folder.create(1_700_000_000L, "0123456789abcdef0123456789abcdef");
        return folder;
    }

    /** A message as the store keeps it: CRLF line ends, a header, a body of random lines. */
    static byte[] message(Random random, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String text = "From: a@example.org\r\nSubject: message " + n + "\r\nMessage-ID: <" + n + "@example.org>\r\n\r\n";
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        int lines = random.nextInt(50);
        for (int i = 0; i < lines; i++) {
            String line = random.nextInt(10) == 0 ? "From the body" : "line " + i + " \u00e9 of " + n;
            out.writeBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    static Set<String> flags(Random random) {
        Set<String> flags = new LinkedHashSet<>();
        for (String flag : SYSTEM) {
            if (random.nextBoolean()) {
                flags.add(flag);
            }
        }
        for (String keyword : KEYWORDS) {
            if (random.nextInt(3) == 0) {
                flags.add(keyword);
            }
        }
        return flags;
    }

    private static byte[] read(MaildirFolder folder, MaildirMessage message) throws IOException {
        try (InputStream in = folder.open(message)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void appendedMessagesListBackWithTheirUidsGuidsFlagsKeywordsDatesAndBytes(String fs, Path dir) throws IOException {
        MaildirFolder folder = newFolder(dir);
        Random random = new Random(7);
        List<byte[]> contents = new ArrayList<>();
        List<Set<String>> flags = new ArrayList<>();
        List<String> guids = new ArrayList<>();
        List<Instant> dates = new ArrayList<>();
        List<Long> uids = new ArrayList<>();
        long uid = 0;
        try (MaildirAppend append = folder.append()) {
            for (int i = 0; i < 40; i++) {
                contents.add(message(random, i));
                flags.add(flags(random));
                guids.add(Guid.random());
                dates.add(Instant.ofEpochSecond(1_600_000_000L + random.nextInt(100_000_000)));
                uid += 1 + random.nextInt(3);
                uids.add(uid);
                append.add(new ByteArrayInputStream(contents.get(i)), flags.get(i), dates.get(i), guids.get(i), uid);
                if (i == 19) {
                    assertEquals(20, append.commit().size());
                }
            }
            assertEquals(20, append.commit().size());
        }
        MaildirListing listing = folder.list();
        assertEquals(1_700_000_000L, listing.uidValidity());
        assertEquals("0123456789abcdef0123456789abcdef", listing.guid());
        assertEquals(uid + 1, listing.nextUid());
        assertEquals(40, listing.messages().size());
        for (int i = 0; i < 40; i++) {
            MaildirMessage m = listing.messages().get(i);
            assertEquals(uids.get(i), m.uid());
            assertEquals(guids.get(i), m.guid());
            assertEquals(flags.get(i), m.flags(), "message " + i);
            assertEquals(dates.get(i), m.internalDate());
            assertArrayEquals(contents.get(i), read(folder, m), "message " + i);
            assertTrue(m.file().getParent().endsWith("cur"));
            assertFalse(new String(Files.readAllBytes(m.file()), StandardCharsets.ISO_8859_1).contains("\r"),
                    "on disk with Unix line ends");
            FileName name = FileName.parse(m.file().getFileName().toString());
            assertEquals(Files.size(m.file()), name.field('S'));
            assertEquals(contents.get(i).length, name.field('W'));
        }
        try (Stream<Path> left = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, left.count(), "tmp/ is empty after the commits");
        }
        assertFalse(Files.exists(dir.resolve("dovecot-uidlist.lock")));
        assertEquals(List.of(), notices);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void filesDeliveredByAnotherProgramGetTheNextUidsInDovecotsOrderAndKeepThem(String fs, Path dir) throws IOException {
        MaildirFolder folder = newFolder(dir);
        try (MaildirAppend append = folder.append()) {
            append.add(new ByteArrayInputStream("Subject: ours\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), Set.of(),
                    Instant.ofEpochSecond(1_000), Guid.random(), 10);
            append.commit();
        }
        Files.writeString(dir.resolve("new/1700000002.M5P1.host"), "Subject: second\n\n");
        Files.writeString(dir.resolve("new/1700000001.M900P1.host"), "Subject: first\n\n");
        Files.writeString(dir.resolve("cur/1700000001.M20P1.host:2,S"), "Subject: zeroth\n\n");
        Files.writeString(dir.resolve("new/.hidden"), "not a message");
        MaildirListing first = folder.list();
        assertEquals(List.of(10L, 11L, 12L, 13L), first.messages().stream().map(MaildirMessage::uid).toList());
        assertEquals(List.of("1700000001.M20P1.host", "1700000001.M900P1.host", "1700000002.M5P1.host"),
                first.messages().subList(1, 4).stream().map(MaildirMessage::base).toList());
        assertEquals(Set.of("\\Seen"), first.messages().get(1).flags());
        assertEquals("Subject: first\r\n\r\n", new String(read(folder, first.messages().get(2)), StandardCharsets.US_ASCII));
        MaildirListing again = folder.list();
        assertEquals(first.messages(), again.messages(), "UIDs and GUIDs are kept");
        assertEquals(14, again.nextUid());
        String uidlist = Files.readString(dir.resolve("dovecot-uidlist"));
        assertTrue(uidlist.contains("\n13 :1700000002.M5P1.host\n"), uidlist);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aFolderWithoutAUidlistGetsOneWithAFreshIdentity(String fs, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("cur"));
        Files.createDirectories(dir.resolve("new"));
        Files.writeString(dir.resolve("cur/1.M1P1.h:2,RS"), "Subject: a\n\n");
        MaildirFolder folder = Maildir.at(dir, new FolderNames('_'),
                options().withClock(Clock.fixed(Instant.ofEpochSecond(1_234_567), ZoneOffset.UTC))).folder("INBOX");
        MaildirListing listing = folder.list();
        assertEquals(1_234_567, listing.uidValidity());
        assertTrue(listing.guid().matches("[0-9a-f]{32}"));
        assertEquals(1, listing.messages().get(0).uid());
        assertEquals(Set.of("\\Seen", "\\Answered"), listing.messages().get(0).flags());
        assertEquals(MaildirFolder.guidOf(new Uidlist.Entry(1, "1.M1P1.h", List.of())), listing.messages().get(0).guid(),
                "a file without a G field: its GUID comes from its base name");
        assertEquals(listing.messages(), folder.list().messages());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void flagChangesRenameIntoCurAndFollowAFileRenamedMeanwhile(String fs, Path dir) throws IOException {
        MaildirFolder folder = newFolder(dir);
        Files.writeString(dir.resolve("new/1.M1P1.h"), "Subject: a\n\n");
        Files.writeString(dir.resolve("new/2.M1P1.h"), "Subject: b\n\n");
        Files.writeString(dir.resolve("cur/3.M1P1.h:2,"), "Subject: c\n\n");
        List<MaildirMessage> listed = folder.list().messages();
        Files.move(dir.resolve("new/2.M1P1.h"), dir.resolve("cur/2.M1P1.h:2,F")); // another program's flag change
        Files.delete(dir.resolve("cur/3.M1P1.h:2,")); // and its expunge
        Map<MaildirMessage, Set<String>> changes = new LinkedHashMap<>();
        changes.put(listed.get(0), Set.of("\\Seen", "work"));
        changes.put(listed.get(1), Set.of("\\Answered", "$Forwarded"));
        changes.put(listed.get(2), Set.of("\\Seen"));
        List<MaildirMessage> gone = folder.setFlags(changes);
        assertEquals(List.of(listed.get(2)), gone);
        assertTrue(Files.exists(dir.resolve("cur/1.M1P1.h:2,Sa")));
        assertTrue(Files.exists(dir.resolve("cur/2.M1P1.h:2,Rb")));
        assertEquals("0 work\n1 $Forwarded\n", Files.readString(dir.resolve("dovecot-keywords")));
        List<MaildirMessage> after = folder.list().messages();
        assertEquals(Set.of("\\Seen", "work"), after.get(0).flags());
        assertEquals(Set.of("\\Answered", "$Forwarded"), after.get(1).flags());
        assertEquals(2, after.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void expungeRemovesTheFilesAndOneAlreadyGoneIsFine(String fs, Path dir) throws IOException {
        MaildirFolder folder = newFolder(dir);
        Files.writeString(dir.resolve("new/1.M1P1.h"), "a\n");
        Files.writeString(dir.resolve("new/2.M1P1.h"), "b\n");
        List<MaildirMessage> listed = folder.list().messages();
        Files.move(dir.resolve("new/1.M1P1.h"), dir.resolve("cur/1.M1P1.h:2,S"));
        Files.delete(dir.resolve("new/2.M1P1.h"));
        folder.expunge(listed);
        assertEquals(List.of(), folder.list().messages());
        assertEquals(3, folder.list().nextUid(), "UIDs are never given twice");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void uidsGivenMeanwhileRefuseTheWholeBatchAndLeaveNoFileBehind(String fs, Path dir) throws IOException {
        MaildirFolder folder = newFolder(dir);
        try (MaildirAppend append = folder.append()) {
            append.add(new ByteArrayInputStream("a\r\n".getBytes(StandardCharsets.US_ASCII)), Set.of(), Instant.EPOCH,
                    Guid.random(), 5);
            append.add(new ByteArrayInputStream("b\r\n".getBytes(StandardCharsets.US_ASCII)), Set.of(), Instant.EPOCH,
                    Guid.random(), 6);
            Files.writeString(dir.resolve("new/9.M1P1.h"), "c\n");
            folder.list(); // another program's message takes UID 1..: fine, ours are above
            Files.writeString(dir.resolve("dovecot-uidlist"),
                    Files.readString(dir.resolve("dovecot-uidlist")).replaceFirst("N[0-9]+", "N6"));
            MaildirChangedException e = assertThrows(MaildirChangedException.class, append::commit);
            assertTrue(e.getMessage().contains("UID 5 is given already (next UID 6)"), e.getMessage());
        }
        try (Stream<Path> tmp = Files.list(dir.resolve("tmp")); Stream<Path> cur = Files.list(dir.resolve("cur"))) {
            assertEquals(0, tmp.count());
            assertEquals(0, cur.count());
        }
        assertFalse(Files.exists(dir.resolve("dovecot-uidlist.lock")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aUidlistLockHeldByALiveProcessIsWaitedForThenReported(String fs, Path dir) throws IOException {
        MaildirFolder folder = newFolder(dir);
        Files.writeString(dir.resolve("new/1.M1P1.h"), "a\n");
        Files.writeString(dir.resolve("dovecot-uidlist.lock"), "1:" + options().hostName());
        MaildirLockedException e = assertThrows(MaildirLockedException.class, folder::list);
        assertTrue(e.getMessage().contains("dovecot-uidlist.lock: held by another process"), e.getMessage());
        assertEquals("1:" + options().hostName(), Files.readString(dir.resolve("dovecot-uidlist.lock")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aStaleUidlistLockIsBrokenAndSaidSo(String fs, Path dir) throws IOException {
        MaildirFolder folder = newFolder(dir);
        Files.writeString(dir.resolve("new/1.M1P1.h"), "a\n");
        Path lock = dir.resolve("dovecot-uidlist.lock");
        Files.writeString(lock, "");
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofMinutes(3)));
        Files.setLastModifiedTime(lock, old);
        Files.setLastModifiedTime(dir.resolve("dovecot-uidlist"), old);
        assertEquals(1, folder.list().messages().size());
        assertFalse(Files.exists(lock));
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).startsWith("removed stale lock " + lock), notices.get(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aLockOfAProcessThatIsGoneIsBrokenAtOnce(String fs, Path dir) throws Exception {
        MaildirFolder folder = newFolder(dir);
        Files.writeString(dir.resolve("new/1.M1P1.h"), "a\n");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path lock = dir.resolve("dovecot-uidlist.lock");
        Files.writeString(lock, gone.pid() + ":" + options().hostName());
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(5)));
        assertEquals(1, folder.list().messages().size());
        assertFalse(Files.exists(lock));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void theStateStaysTheSameUntilAMessageComesGoesOrChangesFlags(String fs, Path dir) throws IOException {
        MaildirFolder folder = newFolder(dir);
        Files.writeString(dir.resolve("new/1.M1P1.h"), "a\n");
        folder.list();
        FileTime old = FileTime.from(Instant.now().minusSeconds(60));
        for (String name : List.of("new", "cur", "dovecot-uidlist")) {
            Files.setLastModifiedTime(dir.resolve(name), old);
        }
        MaildirListing listing = folder.list();
        assertEquals(listing.state(), folder.state());
        assertEquals(listing.state(), MaildirState.parse(listing.state().format()));
        folder.setFlags(Map.of(listing.messages().get(0), Set.of("\\Seen")));
        assertNotEquals(listing.state(), folder.state());
        assertEquals(null, folder.list().state(), "a state changed just now is not trusted");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aResetGivesTheFolderANewIdentityAndDropsDovecotsIndex(String fs, Path dir) throws IOException {
        MaildirFolder folder = newFolder(dir);
        Files.writeString(dir.resolve("new/1.M1P1.h"), "a\n");
        folder.expunge(folder.list().messages());
        Files.writeString(dir.resolve("dovecot.index.log"), "index");
        folder.reset(42, "fedcba9876543210fedcba9876543210");
        MaildirListing listing = folder.list();
        assertEquals(42, listing.uidValidity());
        assertEquals(1, listing.nextUid());
        assertEquals("fedcba9876543210fedcba9876543210", listing.guid());
        assertFalse(Files.exists(dir.resolve("dovecot.index.log")));
    }
}
