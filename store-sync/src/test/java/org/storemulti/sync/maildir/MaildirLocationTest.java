package org.storemulti.sync.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

/** The maildir: location keeps the location contract on the real file system, plus what a maildir adds. */
class MaildirLocationTest extends LocationContract {

    static Location location(FileSystem fileSystem, String template) {
        return MaildirLocation.at(UserPath.parse(fileSystem, template), "maildir:" + template,
                MaildirOptions.defaults().withNotices(notice -> { }));
    }

    @Override
    protected Location newLocation(Path directory) {
        return location(directory.getFileSystem(), directory.resolve("Maildir").toString());
    }

    private Maildir maildir() {
        return Maildir.at(directory.resolve("Maildir"), new FolderNames('_'), MaildirOptions.defaults());
    }

    @Test
    void foldersLieAsDovecotLaysThemOutWithUidsAndGuidsInTheUidlist() throws IOException {
        FolderInfo work = mail.create("Work/Old", null, 0);
        save(mail.folder(work.guid()), wanted(5, GUID_A, Flags.of("\\Seen", "work")));
        Path folder = directory.resolve("Maildir/.Work.Old");
        assertTrue(Files.isDirectory(folder.resolve("cur")));
        String uidlist = Files.readString(folder.resolve("dovecot-uidlist"));
        assertTrue(uidlist.startsWith("3 V" + work.uidValidity() + " N6 G" + work.guid()), uidlist);
        assertTrue(uidlist.contains("5 G" + GUID_A + " :"), uidlist);
        assertEquals("0 work\n", Files.readString(folder.resolve("dovecot-keywords")));
        try (var names = Files.list(folder.resolve("cur"))) {
            assertTrue(names.allMatch(p -> p.getFileName().toString().endsWith(":2,Sa")));
        }
    }

    @Test
    void aMessageDeliveredByAnotherProgramGetsAUidAndAChangedToken() throws IOException {
        Folder inbox = inbox();
        save(inbox, wanted(0, GUID_A, Flags.NONE));
        String before = inbox.info().token();
        Files.writeString(directory.resolve("Maildir/new/1700000000.M1P2.elsewhere"), "Subject: hi\n\nhi\n");
        FolderInfo after = inbox.info();
        assertEquals(2, after.messages());
        assertFalse(before.equals(after.token()));
        List<MessageMeta> listed = inbox.messages(UidSet.ALL);
        assertEquals(2, listed.get(1).uid());
        assertEquals(listed.get(1).guid(), inbox.messages(UidSet.ALL).get(1).guid(), "the same file, the same GUID");
    }

    @Test
    void renumberingRenamesTheFileSoDovecotSeesAnExpungeAndANewMessage() throws IOException {
        Folder inbox = inbox();
        save(inbox, wanted(0, GUID_A, Flags.of("\\Seen")));
        MessageMeta one = inbox.messages(UidSet.ALL).get(0);
        Path before = maildir().folder("INBOX").list().messages().get(0).file();
        inbox.renumber(inbox.info().uidValidity(), Map.of(one.uid(), 10L));
        MaildirMessage after = maildir().folder("INBOX").list().messages().get(0);
        assertEquals(10, after.uid());
        assertFalse(after.base().equals(FileName.baseOf(before.getFileName().toString())));
        assertFalse(Files.exists(before));
        assertEquals(GUID_A, after.guid());
    }

    @Test
    void aPerUserPathOpensEachUsersTreeAndRefusesNamesThatWouldLeaveIt() throws IOException {
        try (Location perUser = location(directory.getFileSystem(), directory.resolve("%d/%n/Maildir").toString())) {
            perUser.open("ann@example.org", true).close();
            assertTrue(Files.isDirectory(directory.resolve("example.org/ann/Maildir/cur")));
            assertEquals(LocationException.Kind.NOT_FOUND,
                    assertThrows(LocationException.class, () -> perUser.open("bob@example.org", false)).kind());
            assertEquals(LocationException.Kind.REFUSED,
                    assertThrows(LocationException.class, () -> perUser.open("../x@example.org", true)).kind());
            assertEquals(LocationException.Kind.REFUSED,
                    assertThrows(LocationException.class, perUser::users).kind());
        }
    }
}
