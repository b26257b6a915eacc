package org.storemulti.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** storeadm's spool commands: what they print, their exit status, their help; no instance needed. */
class SpoolCommandsTest {

    private static Path spool(Path root) throws IOException {
        Path spool = Files.createDirectory(root.resolve("mail"));
        Files.writeString(spool.resolve("joe"), "From a@example.org  Mon Dec  7 09:00:00 2026\nSubject: one\n"
                + "Message-ID: <one@example.org>\n\nhello\n\n", StandardCharsets.US_ASCII);
        return spool;
    }

    @Test
    void saveThenRecoverRefusesAChangedMailboxUntilToldToMerge(@TempDir Path root) throws IOException {
        Path spool = spool(root);
        Path archives = root.resolve("archives");
        Instance.Result saved = Instance.raw("spool", "save", spool.toString(), "--to", archives.toString());
        assertEquals(0, saved.status(), saved.toString());
        assertTrue(saved.out().matches(archives + "/[0-9]{8}T[0-9]{6}Z: 1 copied \\([0-9]+ bytes\\), 0 unchanged and"
                + " linked, 0 skipped\n"), saved.out());
        assertEquals("", saved.err());

        Files.writeString(spool.resolve("joe"), "From b@example.org  Mon Dec  7 10:00:00 2026\nSubject: two\n"
                + "Message-ID: <two@example.org>\n\nnew\n\n", StandardOpenOption.TRUNCATE_EXISTING);
        Instance.Result refused = Instance.raw("spool", "recover", archives.toString());
        assertEquals(1, refused.status(), refused.toString());
        assertTrue(refused.err().startsWith("storeadm: spool recover: joe: refused: changed since the archive was"
                + " taken"), refused.err());
        assertEquals(1, refused.err().lines().count());

        Instance.Result merged = Instance.raw("spool", "recover", "--merge", archives.toString(), "joe");
        assertEquals(0, merged.status(), merged.toString());
        assertEquals("joe: merged: 1 archived message added, 0 already there\n", merged.out());
        String joe = Files.readString(spool.resolve("joe"));
        assertTrue(joe.indexOf("Subject: two") < joe.indexOf("Subject: one"), joe);
    }

    @Test
    void mergeAndForceExcludeEachOtherAndTheArchiveIsRequired(@TempDir Path root) throws IOException {
        Instance.Result both = Instance.raw("spool", "recover", "--merge", "--force", root.toString());
        assertEquals(2, both.status(), both.toString());
        assertEquals("storeadm: usage: --merge and --force exclude each other (see storeadm --help)\n", both.err());
        Instance.Result noTo = Instance.raw("spool", "save", spool(root).toString());
        assertEquals(2, noTo.status(), noTo.toString());
        assertTrue(noTo.err().startsWith("storeadm: usage: Missing required option: '--to ARCHIVE_DIR'"), noTo.err());
        Instance.Result noSpool = Instance.raw("spool", "save", root.resolve("nope").toString(), "--to", root.toString());
        assertEquals(1, noSpool.status(), noSpool.toString());
        assertEquals("storeadm: fatal: " + root.resolve("nope") + ": no such directory: give the mail spool (/var/mail)\n",
                noSpool.err());
    }

    @Test
    void theSpoolGroupsHelpNamesBothCommandsAndStoreadmsHelpNamesTheGroup() {
        Instance.Result group = Instance.raw("spool", "--help");
        assertEquals(0, group.status(), group.toString());
        assertTrue(group.out().contains("save") && group.out().contains("recover"), group.out());
        Instance.Result top = Instance.raw("--help");
        assertTrue(top.out().contains("spool"), top.out());
        Instance.Result save = Instance.raw("spool", "save", "--help");
        assertTrue(save.out().contains("--exclude=GLOB") || save.out().contains("--exclude GLOB"), save.out());
    }
}
