package org.storemulti.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.storemulti.admin.SyncCommandsTest.JOE;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.message.UidSet;
import org.storemulti.sync.Locations;
import org.storemulti.sync.location.Folder;
import org.storemulti.sync.location.FolderInfo;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.location.MessageMeta;
import org.storemulti.sync.location.UserMail;

/**
 * {@code storeadm sync} with the file locations, end to end: an instance backed up to
 * {@code maildir:X} and to {@code mbox:DIR} (then to a spool-style {@code mbox:DIR:INBOX=FILE}),
 * a second run that transfers nothing, and each imported into a new instance with {@code -R},
 * where every message has the UID, GUID and flags it had; bad file locations, and a second user for one user's tree, are refused in one line, exit 1.
 */
class SyncFileLocationsTest {

    @TempDir
    Path root;
    Instance a;
    Instance b;

    @BeforeEach
    void instances() throws IOException {
        a = new Instance(root.resolve("a"));
        b = new Instance(root.resolve("b"));
        for (Instance each : List.of(a, b)) {
            each.ok("domain_add", "example.com");
        }
        a.ok("-d", "example.com", "mbox_user_add", "joe");
        SyncCommandsTest.fill(a, JOE, 12, "a");
    }

    /** As {@link SyncCommandsTest#view}, for a location given as storeadm sync takes it. */
    static Map<String, List<String>> view(String word, String user) throws IOException {
        Map<String, List<String>> view = new TreeMap<>();
        try (Location location = Locations.open(List.of(word), FileSystems.getDefault(), null);
                UserMail mail = location.open(user, false)) {
            for (FolderInfo info : mail.folders()) {
                Folder folder = mail.folder(info.guid());
                List<String> messages = new ArrayList<>();
                for (MessageMeta m : folder.messages(UidSet.ALL)) {
                    messages.add(m.uid() + " " + m.guid() + " " + m.flags().column());
                }
                view.put(info.name() + " uidvalidity " + info.uidValidity(), messages);
            }
        }
        return view;
    }

    private void roundTrip(String word) throws IOException {
        Instance.Result export = a.run("sync", "-u", JOE, "backup", word);
        assertEquals(0, export.status(), export.toString());
        assertEquals("", export.err());
        assertEquals(SyncCommandsTest.view(a, JOE), view(word, JOE));
        Instance.Result again = a.run("sync", "-v", "-u", JOE, "backup", word);
        assertEquals(0, again.status(), again.toString());
        assertTrue(again.out().contains("0 messages copied (0 bytes)"), again.out());
        Instance.Result imported = b.run("sync", "-R", "-u", JOE, "backup", word);
        assertEquals(0, imported.status(), imported.toString());
        assertEquals(SyncCommandsTest.view(a, JOE), SyncCommandsTest.view(b, JOE));
        assertEquals("", b.ok("db", "verify"));
    }

    @Test
    void anInstanceBackedUpToAMaildirImportsIntoANewInstanceWithUidsGuidsAndFlags() throws IOException {
        roundTrip("maildir:" + root.resolve("Maildir"));
        assertTrue(Files.isRegularFile(root.resolve("Maildir/dovecot-uidlist")));
    }

    @Test
    void anInstanceBackedUpToAnMboxTreeImportsIntoANewInstanceWithUidsGuidsAndFlags() throws IOException {
        roundTrip("mbox:" + root.resolve("mail"));
        assertTrue(Files.readString(root.resolve("mail/inbox")).startsWith("From MAILER-DAEMON "));
    }

    @Test
    void aSpoolStyleMboxTakesItsInboxApartWithPercentU() throws IOException {
        roundTrip("mbox:" + root.resolve("home/%u/mail") + ":INBOX=" + root.resolve("spool/%u"));
        assertTrue(Files.isRegularFile(root.resolve("spool/joe")));
    }

    @Test
    void fileLocationsThatCannotBeUsedAreOneLineAndExitOne() {
        a.ok("-d", "example.com", "mbox_user_add", "ann"); // -A into one user's tree would mix two users' mail
        for (List<String> words : List.of(List.of("sync", "-u", JOE, "backup", "maildir:"),
                List.of("sync", "-u", JOE, "backup", "mbox:" + root.resolve("%x")),
                List.of("sync", "-A", "backup", "maildir:" + root.resolve("M")))) {
            Instance.Result result = a.run(words.toArray(String[]::new));
            assertEquals(1, result.status(), words + ": " + result);
            assertEquals(1, result.err().strip().lines().count(), result.err());
        }
        assertTrue(a.run("sync", "-A", "backup", "maildir:" + root.resolve("M")).err().contains("holds one user's mail"));
    }
}
