package org.storemulti.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.storemulti.sync.TwoStores.USER;
import static org.storemulti.sync.TwoStores.addUser;
import static org.storemulti.sync.TwoStores.mailbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.message.FlagChange;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.UidSet;
import org.storemulti.sync.SyncOptions.Mode;
import org.storemulti.sync.location.Folder;
import org.storemulti.sync.location.FolderInfo;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.location.MessageMeta;
import org.storemulti.sync.location.UserMail;
import org.storemulti.sync.testing.ThrowawayDovecot;

/**
 * maildir: against Debian's Dovecot: after a backup to maildir:X, Dovecot serving X shows imaplib
 * the messages, flags, keywords, dates, UIDs and UIDVALIDITY the store lists (also after a second,
 * incremental backup under the running Dovecot, whose files are the tree owner's though we run as
 * root); a maildir Dovecot wrote imports into a store
 * with everything imaplib saw. Skipped without root, dovecot-imapd and python3 (.ci/run installs them).
 */
class MaildirSyncDovecotTest {

    @TempDir
    Path directory;
    TwoStores stores;

    @BeforeAll
    static void needsDovecot() {
        assumeTrue(ThrowawayDovecot.available(), "needs root, Debian's dovecot-imapd and python3 (.ci/run installs them)");
    }

    @BeforeEach
    void open() {
        stores = new TwoStores(directory);
    }

    @AfterEach
    void close() {
        assertEquals(List.of(), stores.storeA().tools().verify(false));
        stores.close();
    }

    /**
     * What imap_mail.py's dump prints for {@code user} at {@code location}: mailbox names with
     * {@code .} between levels (Dovecot's maildir separator); {@code uidNext} false masks UIDNEXT
     * (a store and a maildir may count it differently after expunges at the end).
     */
    static List<String> asImapSees(Location location, String user, boolean uidNext) throws IOException {
        return asImapSees(location, user, uidNext, '.');
    }

    /** As {@link #asImapSees(Location, String, boolean)}, with {@code separator} between levels. */
    static List<String> asImapSees(Location location, String user, boolean uidNext, char separator) throws IOException {
        List<String> lines = new ArrayList<>();
        try (UserMail mail = location.open(user, false)) {
            for (FolderInfo info : mail.folders()) {
                String name = info.name().replace('/', separator);
                lines.add("mailbox\t" + name + "\t" + info.uidValidity() + "\t" + (uidNext ? info.uidNext() : "-") + "\t"
                        + info.messages());
                Folder folder = mail.folder(info.guid());
                List<MessageMeta> metas = folder.messages(UidSet.ALL);
                Map<Long, byte[]> bodies = new TreeMap<>();
                folder.read(metas.stream().map(MessageMeta::uid).toList(), (m, in) -> bodies.put(m.uid(), in.readAllBytes()));
                for (MessageMeta m : metas) {
                    byte[] body = bodies.get(m.uid());
                    lines.add("message\t" + name + "\t" + m.uid() + "\t"
                            + String.join(" ", m.flags().values().stream().sorted().toList()) + "\t"
                            + m.internalDate().getEpochSecond() + "\t" + body.length + "\t" + MailView.digest(body));
                }
            }
            mail.subscriptions().forEach(s -> lines.add("subscribed\t" + s.replace('/', separator)));
        }
        return lines.stream().sorted().toList();
    }

    static List<String> maskUidNext(List<String> dump) {
        return dump.stream().map(l -> l.startsWith("mailbox\t") ? l.replaceFirst("^((?:[^\t]*\t){3})[^\t]*", "$1-") : l)
                .sorted().toList();
    }

    @Test
    void dovecotServingABackupShowsImaplibWhatTheStoreListsAlsoAfterAnIncrementalRun() throws Exception {
        addUser(stores.storeA(), "joe");
        MaildirSyncTest.fill(stores, stores.storeA());
        Path x = directory.resolve("home/Maildir");
        try (Location maildir = MaildirSyncTest.maildirAt(x)) {
            assertEquals(0, stores.sync(stores.a, maildir, SyncOptions.of(Mode.BACKUP)).status(), stores.lines.toString());
            ThrowawayDovecot.giveToMailOwner(directory.resolve("home"));
            try (ThrowawayDovecot dovecot = ThrowawayDovecot.start(directory.resolve("dovecot"), "maildir:" + x,
                    directory.resolve("home"))) {
                assertEquals(asImapSees(stores.a, USER, false), maskUidNext(dovecot.dump()));
                assertEquals(asImapSees(maildir, USER, true), dovecot.dump(), "UIDNEXT as the maildir keeps it");
                long first = mailbox(stores.storeA(), "INBOX").fetch(UidSet.ALL, false).get(0).uid();
                mailbox(stores.storeA(), "INBOX").store(UidSet.of(first), FlagChange.add(Flags.of("$Later", "\\Answered")), -1);
                mailbox(stores.storeA(), "INBOX").remove(UidSet.of(first + 1));
                stores.append(stores.storeA(), "Archive", "\\Flagged");
                UserReport second = stores.sync(stores.a, maildir, SyncOptions.of(Mode.BACKUP));
                assertEquals(0, second.status(), stores.lines.toString());
                // no chown this time: what we write into the tree is its owner's (Dovecot runs as that user)
                assertEquals(asImapSees(stores.a, USER, false), maskUidNext(dovecot.dump()), dovecot.log());
            }
        }
    }

    @Test
    void aMaildirDovecotWroteImportsIntoAStoreWithEverythingImaplibSaw() throws Exception {
        Path y = directory.resolve("home/Maildir");
        List<String> seen;
        ThrowawayDovecot.giveToMailOwner(java.nio.file.Files.createDirectories(directory.resolve("home")));
        try (ThrowawayDovecot dovecot = ThrowawayDovecot.start(directory.resolve("dovecot"), "maildir:" + y,
                directory.resolve("home"))) {
            dovecot.fill(14, 30);
            seen = dovecot.dump();
        }
        try (Location maildir = MaildirSyncTest.maildirAt(y)) {
            UserReport report = stores.sync(stores.a, maildir, SyncOptions.of(Mode.BACKUP_REVERSE));
            assertEquals(0, report.status(), stores.lines.toString());
            assertEquals(maskUidNext(seen), asImapSees(stores.a, USER, false));
            assertEquals(MailView.of(maildir, USER), MailView.of(stores.a, USER), "GUIDs kept too");
        }
    }
}
