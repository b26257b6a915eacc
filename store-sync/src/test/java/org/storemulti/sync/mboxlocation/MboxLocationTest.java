package org.storemulti.sync.mboxlocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.UidSet;
import org.storemulti.sync.location.Folder;
import org.storemulti.sync.location.FolderInfo;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.location.LocationContract;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.MessageMeta;
import org.storemulti.sync.location.UserPath;

/** The mbox: location keeps the location contract on the real file system, plus what an mbox tree adds. */
class MboxLocationTest extends LocationContract {

    static Location location(FileSystem fileSystem, String path, String inbox) {
        return MboxLocation.at(UserPath.parse(fileSystem, path), inbox == null ? null : UserPath.parse(fileSystem, inbox),
                "mbox:" + path, MboxLocation.Settings.defaults());
    }

    @Override
    protected Location newLocation(Path directory) {
        return location(directory.getFileSystem(), directory.resolve("mail").toString(), null);
    }

    @Test
    void messagesLieInMboxFilesWithTheirUidsAndFlagsInTheHeaders() throws IOException {
        FolderInfo work = mail.create("Work/Old", null, 0);
        save(mail.folder(work.guid()), wanted(5, GUID_A, Flags.of("\\Seen", "\\Flagged", "work")));
        String text = Files.readString(directory.resolve("mail/Work/Old"));
        assertTrue(text.startsWith("From MAILER-DAEMON "), text);
        assertTrue(text.contains("\nX-IMAPbase: " + work.uidValidity() + " 0000000006"), text);
        assertTrue(text.contains("\nX-UID: 5\n"), text);
        assertTrue(text.contains("\nStatus: RO\n") || text.contains("\nStatus: R\n"), text);
        assertTrue(text.contains("\nX-Keywords: work\n"), text);
        assertTrue(text.contains("\r\n") == false, "Unix line ends");
    }

    @Test
    void aFileWhoseSizeAndMtimeAreUnchangedIsNotOpenedAgain() throws IOException {
        Folder inbox = inbox();
        save(inbox, wanted(0, GUID_A, Flags.NONE));
        FolderInfo before = inbox.info();
        Path file = directory.resolve("mail/inbox");
        FileTime mtime = Files.getLastModifiedTime(file);
        byte[] same = Files.readAllBytes(file);
        Files.write(file, new String(same).replace("Subject: a0", "Subject: b0").getBytes()); // same size
        Files.setLastModifiedTime(file, mtime);
        assertEquals(before, inbox.info(), "size and mtime as listed: the file is not read");
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime.toMillis() + 5000));
        assertEquals(before.messages(), inbox.info().messages());
        assertTrue(!before.token().equals(inbox.info().token()));
    }

    @Test
    void aSpoolWithoutUidsIsNumberedByPositionAndKeepsItsNumbersWhileMailIsOnlyAppended() throws IOException {
        Path spool = directory.resolve("spool/joe");
        Files.createDirectories(spool.getParent());
        Files.writeString(spool, "From ann@example.com Mon Nov 30 08:15:30 2026\nSubject: one\n\nFrom the start\n\n"
                + "From bob@example.com Mon Nov 30 09:15:30 2026\nSubject: two\n\n>From quoted\n\n");
        try (Location spoolLocation = location(directory.getFileSystem(), directory.resolve("home/%u/mail").toString(),
                directory.resolve("spool/%u").toString()); var joe = spoolLocation.open("joe@example.com", true)) {
            FolderInfo inbox = joe.folders().stream().filter(f -> f.name().equals("INBOX")).findFirst().orElseThrow();
            Folder folder = joe.folder(inbox.guid());
            List<MessageMeta> two = folder.messages(UidSet.ALL);
            assertEquals(List.of(1L, 2L), two.stream().map(MessageMeta::uid).toList());
            java.util.Map<Long, byte[]> bodies = bodies(folder, List.of(2L));
            assertEquals("Subject: two\r\n\r\nFrom quoted\r\n", new String(bodies.get(2L)), "mboxo: one > taken away");
            Files.writeString(spool, "From carol@example.com Mon Nov 30 10:15:30 2026\nSubject: three\n\nthree\n\n",
                    java.nio.file.StandardOpenOption.APPEND);
            List<MessageMeta> three = folder.messages(UidSet.ALL);
            assertEquals(inbox.uidValidity(), folder.info().uidValidity());
            assertEquals(two, three.subList(0, 2));
            assertEquals(3, three.get(2).uid());
            Files.writeString(spool, Files.readString(spool).substring(Files.readString(spool).indexOf("From bob")));
            assertTrue(folder.info().uidValidity() != inbox.uidValidity(), "a message gone: numbered afresh");
        }
    }

    @Test
    void aParentWithMessagesCannotHoldMailboxesAndAOneFileLocationHoldsOnlyTheInbox() throws IOException {
        FolderInfo parent = mail.create("Work", null, 0);
        save(mail.folder(parent.guid()), wanted(0, GUID_A, Flags.NONE));
        assertEquals(LocationException.Kind.REFUSED,
                assertThrows(LocationException.class, () -> mail.create("Work/Old", null, 0)).kind());
        Path file = directory.resolve("single");
        Files.writeString(file, "");
        try (Location single = location(directory.getFileSystem(), file.toString(), null);
                var joe = single.open("joe@example.com", false)) {
            assertEquals(List.of("INBOX"), joe.folders().stream().map(FolderInfo::name).toList());
            assertEquals(LocationException.Kind.REFUSED,
                    assertThrows(LocationException.class, () -> joe.create("Sent", null, 0)).kind());
        }
    }
}
