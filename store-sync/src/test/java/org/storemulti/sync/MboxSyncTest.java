package org.storemulti.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.storemulti.sync.TwoStores.USER;
import static org.storemulti.sync.TwoStores.addUser;
import static org.storemulti.sync.TwoStores.mailbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.Store;
import org.storemulti.store.message.FlagChange;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.UidSet;
import org.storemulti.sync.SyncOptions.Mode;
import org.storemulti.sync.location.Folder;
import org.storemulti.sync.location.FolderInfo;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.location.MessageMeta;
import org.storemulti.sync.location.UserMail;

/** The sync algorithm between a store and an mbox: location, through Locations. */
class MboxSyncTest {

    @TempDir
    Path directory;
    TwoStores stores;
    Store a;
    Location mbox;

    @BeforeEach
    void open() throws IOException {
        stores = new TwoStores(directory);
        a = stores.storeA();
        addUser(a, "joe");
        mbox = mboxAt("mbox:" + directory.resolve("mail"));
    }

    static Location mboxAt(String word) throws IOException {
        return Locations.open(List.of(word), java.nio.file.FileSystems.getDefault(), null);
    }

    @AfterEach
    void close() throws IOException {
        assertEquals(List.of(), a.tools().verify(false), "store a is consistent");
        mbox.close();
        stores.close();
    }

    @Test
    void aStoreExportedToMboxAndImportedIntoANewStoreKeepsBytesFlagsKeywordsDatesAndUids() throws IOException {
        MaildirSyncTest.fill(stores, a);
        UserReport export = stores.sync(stores.a, mbox, SyncOptions.of(Mode.BACKUP));
        assertEquals(0, export.status(), stores.lines.toString());
        assertEquals(5, export.messagesCopied());
        assertEquals(MailView.of(stores.a, USER), MailView.of(mbox, USER));
        UserReport second = stores.sync(stores.a, mbox, SyncOptions.of(Mode.BACKUP));
        assertEquals(0, second.status(), stores.lines.toString());
        assertFalse(second.changedAnything(), second.summary());
        try (Location fresh = mboxAt("mbox:" + directory.resolve("mail"))) {
            UserReport imported = stores.sync(stores.b, fresh, SyncOptions.of(Mode.BACKUP_REVERSE));
            assertEquals(0, imported.status(), stores.lines.toString());
        }
        assertEquals(MailView.of(stores.a, USER), MailView.of(stores.b, USER));
        assertEquals(List.of(), stores.storeB().tools().verify(false));
    }

    @Test
    void aMirrorCarriesFlagChangesExpungesAndNewMailBothWays() throws IOException {
        MaildirSyncTest.fill(stores, a);
        assertEquals(0, stores.sync(stores.a, mbox, SyncOptions.of(Mode.MIRROR)).status(), stores.lines.toString());
        try (UserMail mail = mbox.open(USER, false)) {
            FolderInfo inbox = mail.folders().stream().filter(f -> f.name().equals("INBOX")).findFirst().orElseThrow();
            Folder folder = mail.folder(inbox.guid());
            List<MessageMeta> messages = folder.messages(UidSet.ALL);
            folder.setFlags(Map.of(messages.get(2).uid(), Flags.of("\\Answered", "later")), -1);
            folder.remove(UidSet.of(messages.get(0).uid()));
        }
        long second = mailbox(a, "INBOX").fetch(UidSet.ALL, false).get(1).uid();
        mailbox(a, "INBOX").store(UidSet.of(second), FlagChange.add(Flags.of("\\Seen")), -1);
        stores.append(a, "Sent");
        UserReport report = stores.sync(stores.a, mbox, SyncOptions.of(Mode.MIRROR));
        assertEquals(0, report.status(), stores.lines.toString());
        MailView after = MailView.of(stores.a, USER);
        assertEquals(after, MailView.of(mbox, USER));
        assertEquals(2, after.mailboxes().get("INBOX").messages().size());
        assertFalse(stores.sync(stores.a, mbox, SyncOptions.of(Mode.MIRROR)).changedAnything());
    }

    @Test
    void aSpoolGivenAsInboxApartImportsAndOnlyNewMailIsCopiedNextTime() throws IOException {
        Path spool = directory.resolve("spool/joe");
        Files.createDirectories(spool.getParent());
        Files.writeString(spool, "From ann@example.com Mon Nov 30 08:15:30 2026\nSubject: one\nStatus: RO\n\nFrom the start\n\n");
        String word = "mbox:" + directory.resolve("home/%u/mail") + ":INBOX=" + directory.resolve("spool/%u");
        try (Location spoolLocation = mboxAt(word)) {
            UserReport first = stores.sync(stores.a, spoolLocation, SyncOptions.of(Mode.BACKUP_REVERSE));
            assertEquals(0, first.status(), stores.lines.toString());
            assertEquals(1, first.messagesCopied());
            Files.writeString(spool, "From bob@example.com Mon Nov 30 09:15:30 2026\nSubject: two\n\ntwo\n\n",
                    java.nio.file.StandardOpenOption.APPEND);
            UserReport next = stores.sync(stores.a, spoolLocation, SyncOptions.of(Mode.BACKUP_REVERSE));
            assertEquals(0, next.status(), stores.lines.toString());
            assertEquals(1, next.messagesCopied(), "only the new one");
            assertEquals(MailView.of(spoolLocation, USER), MailView.of(stores.a, USER));
        }
        assertEquals(Flags.of("\\Seen"), mailbox(a, "INBOX").fetch(UidSet.ALL, false).get(0).flags());
    }
}
