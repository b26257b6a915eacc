package org.storemulti.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.storemulti.sync.TwoStores.DOMAIN;
import static org.storemulti.sync.TwoStores.USER;
import static org.storemulti.sync.TwoStores.addFolder;
import static org.storemulti.sync.TwoStores.addUser;
import static org.storemulti.sync.TwoStores.mailbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/** The sync algorithm between a store and a maildir: location (backup, mirror, backup -R), through Locations. */
class MaildirSyncTest {

    @TempDir
    Path directory;
    TwoStores stores;
    Store a;
    Location maildir;

    @BeforeEach
    void open() throws IOException {
        stores = new TwoStores(directory);
        a = stores.storeA();
        addUser(a, "joe");
        maildir = maildirAt(directory.resolve("Maildir"));
    }

    static Location maildirAt(Path path) throws IOException {
        return Locations.open(List.of("maildir:" + path), path.getFileSystem(), null);
    }

    @AfterEach
    void close() throws IOException {
        assertEquals(List.of(), a.tools().verify(false), "store a is consistent");
        maildir.close();
        stores.close();
    }

    static void fill(TwoStores stores, Store store) throws IOException {
        addFolder(store, "Archive");
        addFolder(store, "Archive/2024");
        addFolder(store, "Sent");
        stores.append(store, "INBOX", "\\Seen");
        stores.append(store, "INBOX", "\\Flagged", "$Work");
        stores.append(store, "INBOX");
        stores.append(store, "Archive/2024", "\\Seen", "\\Answered");
        stores.append(store, "Sent", "\\Seen", "\\Draft", "\\Deleted");
        store.mailboxes().setSpecialUse(DOMAIN, "user/joe/Sent", Set.of("\\Sent"));
        store.subscriptions().subscribe(DOMAIN, "joe", "user/joe/Sent");
        store.subscriptions().subscribe(DOMAIN, "joe", "user/joe/Archive/2024");
    }

    @Test
    void aBackupToAMaildirKeepsEverythingAndASecondRunTransfersNothing() throws IOException {
        fill(stores, a);
        UserReport report = stores.sync(stores.a, maildir, SyncOptions.of(Mode.BACKUP));
        assertEquals(0, report.status(), stores.lines.toString());
        assertEquals(5, report.messagesCopied());
        assertEquals(MailView.of(stores.a, USER), MailView.of(maildir, USER));
        UserReport second = stores.sync(stores.a, maildir, SyncOptions.of(Mode.BACKUP));
        assertEquals(0, second.status(), stores.lines.toString());
        assertFalse(second.changedAnything(), second.summary());
    }

    @Test
    void aMirrorCarriesChangesMadeInTheMaildirAndInTheStoreBothWays() throws IOException {
        fill(stores, a);
        assertEquals(0, stores.sync(stores.a, maildir, SyncOptions.of(Mode.MIRROR)).status(), stores.lines.toString());
        try (UserMail mail = maildir.open(USER, false)) {
            FolderInfo inbox = mail.folders().stream().filter(f -> f.name().equals("INBOX")).findFirst().orElseThrow();
            Folder folder = mail.folder(inbox.guid());
            List<MessageMeta> messages = folder.messages(UidSet.ALL);
            folder.setFlags(Map.of(messages.get(2).uid(), Flags.of("\\Answered", "later")), -1);
            folder.remove(UidSet.of(messages.get(0).uid()));
            mail.create("Projects", null, 0);
        }
        long second = mailbox(a, "INBOX").fetch(UidSet.ALL, false).get(1).uid();
        mailbox(a, "INBOX").store(UidSet.of(second), FlagChange.add(Flags.of("\\Seen")), -1);
        stores.append(a, "Sent");
        UserReport report = stores.sync(stores.a, maildir, SyncOptions.of(Mode.MIRROR));
        assertEquals(0, report.status(), stores.lines.toString());
        MailView after = MailView.of(stores.a, USER);
        assertEquals(after, MailView.of(maildir, USER));
        assertEquals(2, after.mailboxes().get("INBOX").messages().size());
        assertEquals(Set.of("INBOX", "Archive", "Archive/2024", "Sent", "Projects"), after.mailboxes().keySet());
        assertFalse(stores.sync(stores.a, maildir, SyncOptions.of(Mode.MIRROR)).changedAnything());
    }

    @Test
    void aMaildirImportedIntoANewStoreWithBackupReverseKeepsUidsGuidsFlagsAndDates() throws IOException {
        fill(stores, a);
        stores.sync(stores.a, maildir, SyncOptions.of(Mode.BACKUP));
        UserReport report = stores.sync(stores.b, maildir, SyncOptions.of(Mode.BACKUP_REVERSE));
        assertEquals(0, report.status(), stores.lines.toString());
        assertEquals(MailView.of(stores.a, USER), MailView.of(stores.b, USER));
        assertEquals(List.of(), stores.storeB().tools().verify(false));
    }
}
