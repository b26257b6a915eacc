package org.storemulti.sync.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemulti.sync.mbox.FileSystems;

/** A Maildir++ tree: its folders by store name, subscriptions, deletes and renames. */
class MaildirTest {

    @TempDir
    static Path realTemp;

    static Stream<Arguments> fileSystems() throws IOException {
        return FileSystems.both(realTemp);
    }

    private final List<String> notices = new ArrayList<>();

    private Maildir maildir(Path root) {
        return Maildir.at(root, new FolderNames('_'), MaildirOptions.defaults().withNotices(notices::add));
    }

    private static void folderDirectory(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("cur"));
        Files.createDirectories(dir.resolve("new"));
        Files.createDirectories(dir.resolve("tmp"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void foldersAreTheRootAndEveryDotDirectoryWithACurByStoreName(String fs, Path root) throws IOException {
        folderDirectory(root);
        folderDirectory(root.resolve(".Work"));
        folderDirectory(root.resolve(".Work.Sub"));
        folderDirectory(root.resolve(".Entw&APw-rfe"));
        folderDirectory(root.resolve(".x*y"));
        folderDirectory(root.resolve(".x_y"));
        folderDirectory(root.resolve(".DOVECOT-TRASHED"));
        Files.createDirectories(root.resolve(".a.b")); // a parent only: no cur/
        Files.writeString(root.resolve(".not-a-folder"), "");
        assertEquals(List.of("Entwürfe", "INBOX", "Work", "Work/Sub", "x_y"), List.copyOf(maildir(root).folders().keySet()));
        assertEquals(root.resolve(".x*y"), maildir(root).folders().get("x_y").directory(), "the first in name order wins");
        assertTrue(notices.get(0).contains(".x_y: its name x_y is taken by"), notices.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aNewFolderIsMadeWithItsMarkerAndIdentity(String fs, Path root) throws IOException {
        Maildir maildir = maildir(root);
        maildir.createRoot();
        MaildirFolder folder = maildir.folder("Archive/2024");
        folder.create(99, "0123456789abcdef0123456789abcdef");
        assertEquals(root.resolve(".Archive.2024"), folder.directory());
        assertTrue(Files.exists(folder.directory().resolve("maildirfolder")));
        assertEquals("3 V99 N1 G0123456789abcdef0123456789abcdef\n",
                Files.readString(folder.directory().resolve("dovecot-uidlist")));
        folder.create(100, "fedcba9876543210fedcba9876543210");
        assertEquals(99, folder.list().uidValidity(), "an existing folder keeps its identity");
        assertEquals(Set.of("Archive/2024"), maildir.folders().keySet());
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(folder.directory().resolve("cur"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void subscriptionsAreWrittenInDovecotsVersionTwoFormatAndReadInBoth(String fs, Path root) throws IOException {
        Maildir maildir = maildir(root);
        maildir.writeSubscriptions(List.of("INBOX", "Work/Sub", "Entwürfe", "a.b"));
        assertEquals("V\t2\n\nINBOX\nWork\tSub\nEntw&APw-rfe\na_b\n", Files.readString(root.resolve("subscriptions")));
        assertEquals(Set.of("INBOX", "Work/Sub", "Entwürfe", "a_b"), maildir.subscriptions());
        Files.writeString(root.resolve("subscriptions"), "INBOX\nWork.Sub\n");
        assertEquals(Set.of("INBOX", "Work/Sub"), maildir.subscriptions(), "version 1: names with dots");
        assertFalse(Files.exists(root.resolve("subscriptions.lock")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aFolderIsDeletedAsideAndRenamedAloneAndInboxStays(String fs, Path root) throws IOException {
        Maildir maildir = maildir(root);
        folderDirectory(root);
        maildir.folder("Old").create(1, "0123456789abcdef0123456789abcdef");
        maildir.folder("Old/Child").create(2, "0123456789abcdef0123456789abcdee");
        Files.writeString(root.resolve(".Old/cur/1.M1P1.h:2,S"), "a\n");
        maildir.rename("Old/Child", "New");
        assertEquals(Set.of("INBOX", "Old", "New"), maildir.folders().keySet());
        maildir.delete("Old");
        assertEquals(Set.of("INBOX", "New"), maildir.folders().keySet());
        assertFalse(Files.exists(root.resolve(".DOVECOT-TRASHED")));
        assertThrows(IOException.class, () -> maildir.delete("INBOX"));
        assertThrows(IOException.class, () -> maildir.rename("INBOX", "X"));
    }
}
