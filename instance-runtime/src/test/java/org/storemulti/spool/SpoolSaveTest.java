package org.storemulti.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemulti.sync.mbox.LockPolicy;

/** {@code spool save}: what goes into each archive, what is linked, copied, left out, refused. */
class SpoolSaveTest {

    @TempDir
    static Path realTemp;

    static Stream<Arguments> fileSystems() throws IOException {
        return SpoolFixtures.both(realTemp);
    }

    private static final Instant NOW = Instant.parse("2026-12-07T17:00:00Z");

    static SpoolSave.Options at(Instant when) {
        return new SpoolSave.Options(List.of(), LockPolicy.defaults().withMaxWait(Duration.ofSeconds(5)),
                Clock.fixed(when, ZoneOffset.UTC));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void theFirstSaveCopiesEveryMailboxWithItsDigestAndLeavesEverythingElseOut(String fs, Path dir) throws IOException {
        Path spool = SpoolFixtures.spool(dir);
        Files.writeString(spool.resolve(".nsr"), "mailasm: *\n");
        Files.createDirectory(spool.resolve("subdir"));
        Path archives = dir.resolve("archives");
        SpoolSave.Report report = SpoolSave.save(spool, archives, at(NOW));
        assertEquals(archives.resolve("20261207T170000Z"), report.archive());
        assertEquals(2, report.copied());
        assertEquals(0, report.linked());
        assertEquals(1, report.skipped(), "the directory");
        assertEquals(List.of(), report.problems());
        Manifest manifest = Manifest.readFrom(report.archive());
        assertEquals(List.of("ann", "joe"), manifest.entries().stream().map(ManifestEntry::name).toList());
        for (ManifestEntry entry : manifest.entries()) {
            byte[] saved = Files.readAllBytes(report.archive().resolve(entry.name()));
            assertEquals(HexFormat.of().formatHex(SpoolSave.sha256().digest(saved)), entry.sha256());
            assertEquals(entry.size(), saved.length);
            assertEquals(Files.readString(spool.resolve(entry.name())), new String(saved, StandardCharsets.ISO_8859_1));
            assertEquals(SpoolFixtures.MODIFIED, entry.modified());
            assertEquals(SpoolFixtures.ACCESSED, entry.accessed());
        }
        try (Stream<Path> files = Files.list(report.archive())) {
            assertEquals(List.of("MANIFEST", "ann", "joe"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no journal, no lock, no partial left");
        }
        try (Stream<Path> roots = Files.list(archives)) {
            assertEquals(List.of("20261207T170000Z", "save.lock"), roots.map(p -> p.getFileName().toString()).sorted()
                    .toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void afterASaveEachMailboxHasTheTimesItHadBefore(String fs, Path dir) throws IOException {
        Path spool = SpoolFixtures.spool(dir);
        SpoolSave.save(spool, dir.resolve("archives"), at(NOW));
        for (String name : List.of("ann", "joe")) {
            BasicFileAttributes after = Files.readAttributes(spool.resolve(name), BasicFileAttributes.class);
            assertEquals(SpoolFixtures.MODIFIED, after.lastModifiedTime(), name);
            assertEquals(SpoolFixtures.ACCESSED, after.lastAccessTime(), name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void theNextSaveLinksWhatDidNotChangeAndCopiesWhatDid(String fs, Path dir) throws IOException {
        Path spool = SpoolFixtures.spool(dir);
        Path archives = dir.resolve("archives");
        SpoolSave.Report first = SpoolSave.save(spool, archives, at(NOW));
        SpoolFixtures.deliver(spool.resolve("ann"), "late");
        SpoolSave.Report second = SpoolSave.save(spool, archives, at(NOW.plusSeconds(3600)));
        assertEquals(1, second.copied());
        assertEquals(1, second.linked());
        assertEquals(Files.readAttributes(first.archive().resolve("joe"), BasicFileAttributes.class).fileKey(),
                Files.readAttributes(second.archive().resolve("joe"), BasicFileAttributes.class).fileKey(),
                "one file, two names: each archive complete on its own");
        assertTrue(Files.readString(second.archive().resolve("ann")).contains("Subject: late"));
        assertFalse(Files.readString(first.archive().resolve("ann")).contains("Subject: late"));
        Map<String, ManifestEntry> entries = Manifest.readFrom(second.archive()).byName();
        assertEquals(Manifest.readFrom(first.archive()).byName().get("joe").sha256(), entries.get("joe").sha256());
    }

    @Test
    void anUnchangedMailboxIsNotTouchedAtAllNotEvenItsChangeTime(@TempDir Path dir) throws Exception {
        Path spool = SpoolFixtures.spool(dir);
        Path archives = dir.resolve("archives");
        SpoolSave.save(spool, archives, at(NOW));
        Map<String, Object> ctimes = Map.of("ann", ctime(spool.resolve("ann")), "joe", ctime(spool.resolve("joe")));
        SpoolSave.Report again = SpoolSave.save(spool, archives, at(NOW.plusSeconds(60)));
        assertEquals(2, again.linked());
        for (String name : List.of("ann", "joe")) {
            assertEquals(ctimes.get(name), ctime(spool.resolve(name)), name + ": putting times back would set the ctime");
            assertEquals(SpoolFixtures.ACCESSED, Files.readAttributes(spool.resolve(name), BasicFileAttributes.class)
                    .lastAccessTime(), name);
        }
    }

    private static Object ctime(Path file) throws IOException {
        return Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void excludedNamesAreNeitherSavedNorCounted(String fs, Path dir) throws IOException {
        Path spool = SpoolFixtures.spool(dir);
        SpoolFixtures.mailbox(spool, "joe.bak", "old");
        SpoolSave.Options options = new SpoolSave.Options(List.of("*.bak", "a?n"), at(NOW).locks(), at(NOW).clock());
        SpoolSave.Report report = SpoolSave.save(spool, dir.resolve("archives"), options);
        assertEquals(List.of("joe"), Manifest.readFrom(report.archive()).entries().stream().map(ManifestEntry::name)
                .toList());
        assertEquals(2, report.skipped());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aMailboxLockedPastTheWaitIsReportedAndTheRestIsSaved(String fs, Path dir) throws IOException {
        Path spool = SpoolFixtures.spool(dir);
        Files.writeString(spool.resolve("joe.lock"), ProcessHandle.current().pid() + "\n");
        SpoolSave.Options impatient = new SpoolSave.Options(List.of(),
                LockPolicy.defaults().withMaxWait(Duration.ofMillis(200)), at(NOW).clock());
        SpoolSave.Report report = SpoolSave.save(spool, dir.resolve("archives"), impatient);
        assertEquals(1, report.copied());
        assertEquals(1, report.problems().size());
        assertTrue(report.problems().get(0).startsWith(spool.resolve("joe") + ": not saved: locked by "
                + spool.resolve("joe.lock") + " (pid " + ProcessHandle.current().pid()), report.problems().get(0));
        assertFalse(Files.exists(report.archive().resolve("joe")));
        assertEquals(List.of("ann"), Manifest.readFrom(report.archive()).entries().stream().map(ManifestEntry::name)
                .toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aSaveKilledAfterReadingPutsTheTimesBackNextTime(String fs, Path dir) throws IOException {
        Path spool = SpoolFixtures.spool(dir);
        Path archives = dir.resolve("archives");
        Files.createDirectories(archives);
        Path partial = Files.createDirectory(archives.resolve("20261207T165900Z" + ArchiveDirectory.PARTIAL));
        TimesJournal.start(partial, spool.toRealPath());
        TimesJournal.record(partial, new TimesJournal.Times("joe", SpoolFixtures.MODIFIED, SpoolFixtures.ACCESSED));
        Files.writeString(partial.resolve("joe"), "half a cop");
        FileTime readNow = FileTime.from(NOW);
        Files.getFileAttributeView(spool.resolve("joe"), BasicFileAttributeView.class).setTimes(null, readNow, null);
        SpoolSave.Report report = SpoolSave.save(spool, archives, at(NOW));
        assertEquals(SpoolFixtures.ACCESSED, Files.readAttributes(spool.resolve("joe"), BasicFileAttributes.class)
                .lastAccessTime());
        assertFalse(Files.exists(partial));
        assertEquals(2, report.copied());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void anArchiveDirectoryIsForOneSpoolAndNeverInsideIt(String fs, Path dir) throws IOException {
        Path spool = SpoolFixtures.spool(dir);
        Path archives = dir.resolve("archives");
        SpoolSave.save(spool, archives, at(NOW));
        Path other = Files.createDirectory(dir.resolve("other-spool"));
        SpoolException e = assertThrows(SpoolException.class, () -> SpoolSave.save(other, archives, at(NOW)));
        assertEquals(archives + ": holds archives of " + spool.toRealPath() + ", not of " + other.toRealPath()
                + ": give each spool its own archive directory", e.getMessage());
        SpoolException inside = assertThrows(SpoolException.class,
                () -> SpoolSave.save(spool, spool.resolve("backups"), at(NOW)));
        assertTrue(inside.getMessage().endsWith(": keep archives elsewhere"), inside.getMessage());
        SpoolException missing = assertThrows(SpoolException.class,
                () -> SpoolSave.save(dir.resolve("nope"), archives, at(NOW)));
        assertEquals(dir.resolve("nope") + ": no such directory: give the mail spool (/var/mail)", missing.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void twoSavesInOneSecondGetTwoArchives(String fs, Path dir) throws IOException {
        Path spool = SpoolFixtures.spool(dir);
        Path archives = dir.resolve("archives");
        SpoolSave.save(spool, archives, at(NOW));
        SpoolFixtures.deliver(spool.resolve("joe"), "more");
        SpoolSave.Report second = SpoolSave.save(spool, archives, at(NOW));
        assertEquals(archives.resolve("20261207T170000Z-2"), second.archive());
        assertEquals(second.archive(), new ArchiveDirectory(archives).newest().orElseThrow());
    }
}
