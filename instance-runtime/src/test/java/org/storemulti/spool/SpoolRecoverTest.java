package org.storemulti.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemulti.sync.mbox.LockPolicy;
import org.storemulti.sync.mbox.MailboxOwnership;
import org.storemulti.sync.mbox.MboxFormat;

/** {@code spool recover}: what comes back, and what is refused, merged or replaced. */
class SpoolRecoverTest {

    @TempDir
    static Path realTemp;

    static Stream<Arguments> fileSystems() throws IOException {
        return SpoolFixtures.both(realTemp);
    }

    private static final Instant NOW = Instant.parse("2026-12-07T17:00:00Z");

    private static SpoolRecover.Options options(SpoolRecover.Mode mode, String... mailboxes) {
        return new SpoolRecover.Options(null, mode, List.of(), List.of(mailboxes),
                LockPolicy.defaults().withMaxWait(Duration.ofSeconds(5)), MboxFormat.mboxo());
    }

    /** A spool saved once; returns the archive root. */
    private static Path saved(Path dir) throws IOException {
        Path archives = dir.resolve("archives");
        SpoolSave.save(SpoolFixtures.spool(dir), archives, SpoolSaveTest.at(NOW));
        return archives;
    }

    private static List<String> lines(List<SpoolRecover.Outcome> outcomes) {
        return outcomes.stream().map(SpoolRecover.Outcome::toString).toList();
    }

    private static List<Path> hidden(Path spool) throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aDeletedMailboxComesBackWithItsOwnerModeAndTimes(String fs, Path dir) throws IOException {
        Path archives = saved(dir);
        Path spool = dir.resolve("spool");
        byte[] joe = Files.readAllBytes(spool.resolve("joe"));
        MailboxOwnership ownership = MailboxOwnership.of(spool.resolve("joe"));
        Files.delete(spool.resolve("joe"));
        List<SpoolRecover.Outcome> outcomes = SpoolRecover.recover(archives, options(SpoolRecover.Mode.REFUSE));
        assertEquals(List.of("ann: unchanged since the archive", "joe: recovered (" + joe.length + " bytes)"),
                lines(outcomes));
        BasicFileAttributes back = Files.readAttributes(spool.resolve("joe"), BasicFileAttributes.class);
        assertEquals(SpoolFixtures.MODIFIED, back.lastModifiedTime());
        assertEquals(SpoolFixtures.ACCESSED, back.lastAccessTime());
        assertEquals(new String(joe, StandardCharsets.ISO_8859_1), Files.readString(spool.resolve("joe"),
                StandardCharsets.ISO_8859_1));
        assertEquals(ownership, MailboxOwnership.of(spool.resolve("joe")));
        assertEquals(List.of(), hidden(spool));
        assertEquals(List.of("ann: unchanged since the archive", "joe: unchanged since the archive"),
                lines(SpoolRecover.recover(archives, options(SpoolRecover.Mode.REFUSE))), "running again changes nothing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aMailboxThatReceivedMailSinceIsRefusedAndLeftAsItIs(String fs, Path dir) throws IOException {
        Path archives = saved(dir);
        Path joe = dir.resolve("spool/joe");
        SpoolFixtures.deliver(joe, "new one");
        String before = Files.readString(joe, StandardCharsets.ISO_8859_1);
        List<SpoolRecover.Outcome> outcomes = SpoolRecover.recover(archives, options(SpoolRecover.Mode.REFUSE, "joe"));
        assertEquals(1, outcomes.size());
        assertTrue(outcomes.get(0).failed());
        assertTrue(outcomes.get(0).toString().startsWith("joe: refused: changed since the archive was taken (now "),
                outcomes.get(0).toString());
        assertTrue(outcomes.get(0).toString().endsWith("give --merge to add the archived messages it lacks, or --force"
                + " to replace it"));
        assertEquals(before, Files.readString(joe, StandardCharsets.ISO_8859_1));
        assertEquals(List.of(), hidden(dir.resolve("spool")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aMergeAddsOnlyTheArchivedMessagesTheMailboxLacksCountingOnesMarkedReadSinceAsThere(String fs, Path dir)
            throws IOException {
        Path archives = saved(dir);
        Path joe = dir.resolve("spool/joe");
        // the user deleted the second message, read the first (its Status changed), and new mail came
        String first = SpoolFixtures.message("hello joe", "<hello.joe@example.org>")
                .replace("Subject: hello joe\n", "Subject: hello joe\nStatus: RO\n");
        Files.writeString(joe, first + SpoolFixtures.message("new one", "<new.one@example.org>"),
                StandardCharsets.ISO_8859_1);
        Files.setPosixFilePermissions(joe, PosixFilePermissions.fromString("rw-rw----"));
        List<SpoolRecover.Outcome> outcomes = SpoolRecover.recover(archives, options(SpoolRecover.Mode.MERGE, "joe"));
        assertEquals(List.of("joe: merged: 1 archived message added, 1 already there"), lines(outcomes));
        String merged = Files.readString(joe, StandardCharsets.ISO_8859_1);
        assertEquals(first + SpoolFixtures.message("new one", "<new.one@example.org>")
                + SpoolFixtures.message("second hello joe", "<2.hello.joe@example.org>"), merged);
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(joe)),
                "the mailbox keeps its own mode");
        assertEquals(List.of("joe: merged: 0 archived messages added, 2 already there"),
                lines(SpoolRecover.recover(archives, options(SpoolRecover.Mode.MERGE, "joe"))), "a second merge adds none");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void forceReplacesAChangedMailboxAndAnEmptyOneNeedsNoForce(String fs, Path dir) throws IOException {
        Path archives = saved(dir);
        Path spool = dir.resolve("spool");
        String archivedJoe = Files.readString(spool.resolve("joe"), StandardCharsets.ISO_8859_1);
        SpoolFixtures.deliver(spool.resolve("joe"), "new one");
        Files.writeString(spool.resolve("ann"), "");
        List<SpoolRecover.Outcome> outcomes = SpoolRecover.recover(archives, options(SpoolRecover.Mode.REFUSE, "ann"));
        assertTrue(lines(outcomes).get(0).startsWith("ann: recovered ("), lines(outcomes).toString());
        outcomes = SpoolRecover.recover(archives, options(SpoolRecover.Mode.FORCE, "joe"));
        assertTrue(lines(outcomes).get(0).startsWith("joe: replaced ("), lines(outcomes).toString());
        assertEquals(archivedJoe, Files.readString(spool.resolve("joe"), StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void namesNotInTheArchiveAndExcludedNamesAndADamagedCopyAreReported(String fs, Path dir) throws IOException {
        Path archives = saved(dir);
        Path spool = dir.resolve("spool");
        Files.delete(spool.resolve("joe"));
        Files.delete(spool.resolve("ann"));
        Path archive = new ArchiveDirectory(archives).newest().orElseThrow();
        Files.writeString(archive.resolve("ann"), "tampered", StandardOpenOption.APPEND);
        SpoolRecover.Options options = new SpoolRecover.Options(null, SpoolRecover.Mode.REFUSE, List.of("j*"),
                List.of("ann", "joe", "bob"), LockPolicy.defaults(), MboxFormat.mboxo());
        List<SpoolRecover.Outcome> outcomes = SpoolRecover.recover(archive, options);
        assertEquals(List.of("bob: not in " + archive + " (see its MANIFEST)", "ann: not recovered: " + archive.resolve("ann")
                + " does not match its digest in the MANIFEST: the archive is damaged; recover from an older one"),
                lines(outcomes));
        assertFalse(Files.exists(spool.resolve("ann")));
        assertFalse(Files.exists(spool.resolve("joe")), "excluded");
        assertEquals(List.of(), hidden(spool));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void recoveringElsewhereAndFromNothingAreSaidPlainly(String fs, Path dir) throws IOException {
        Path archives = saved(dir);
        Path elsewhere = Files.createDirectory(dir.resolve("inspect"));
        SpoolRecover.Options to = new SpoolRecover.Options(elsewhere, SpoolRecover.Mode.REFUSE, List.of(), List.of(),
                LockPolicy.defaults(), MboxFormat.mboxo());
        assertEquals(2, SpoolRecover.recover(archives, to).size());
        assertTrue(Files.exists(elsewhere.resolve("joe")));
        Path empty = Files.createDirectory(dir.resolve("empty"));
        SpoolException e = assertThrows(SpoolException.class, () -> SpoolRecover.recover(empty, to));
        assertEquals(empty + ": no complete spool archive here: give an archive directory made by storeadm spool save",
                e.getMessage());
    }

    @Test
    void aRecoveredSpoolFileBelongsToItsUserAgain(@TempDir Path dir) throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "giving files to users needs root");
        Path spool = SpoolFixtures.spool(dir);
        MailboxOwnership nobody = new MailboxOwnership("nobody", "mail", PosixFilePermissions.fromString("rw-rw----"));
        nobody.applyTo(spool.resolve("joe"));
        Path archives = dir.resolve("archives");
        SpoolSave.save(spool, archives, SpoolSaveTest.at(NOW));
        Files.delete(spool.resolve("joe"));
        SpoolRecover.recover(archives, options(SpoolRecover.Mode.REFUSE, "joe"));
        assertEquals(nobody, MailboxOwnership.of(spool.resolve("joe")));
    }
}
