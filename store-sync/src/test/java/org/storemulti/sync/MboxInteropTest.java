package org.storemulti.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.storemulti.sync.TwoStores.USER;
import static org.storemulti.sync.TwoStores.addUser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.message.UidSet;
import org.storemulti.sync.SyncOptions.Mode;
import org.storemulti.sync.location.Folder;
import org.storemulti.sync.location.FolderInfo;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.location.MessageMeta;
import org.storemulti.sync.location.UserMail;
import org.storemulti.sync.testing.ThrowawayDovecot;

/**
 * What real mbox readers make of an export to mbox:DIR: Python's mailbox.mbox reads every message
 * with its flags and bytes; a throwaway Dovecot (mail_location = mbox:DIR:INBOX=DIR/inbox) shows
 * imaplib the messages, flags, keywords, dates, UIDs and UIDVALIDITY the store lists. Skipped
 * without python3 (and for Dovecot without root and dovecot-imapd; .ci/run installs them).
 */
class MboxInteropTest {

    private static final Path READER = Path.of(System.getProperty("storemulti.checkout", ".."))
            .resolve("test-fixtures/mbox/read_mbox.py").toAbsolutePath();
    private static final Map<String, String> LETTERS = Map.of("\\Seen", "R", "\\Answered", "A", "\\Flagged", "F",
            "\\Deleted", "D", "\\Draft", "T");

    @TempDir
    Path directory;
    TwoStores stores;
    Path dir;

    @BeforeEach
    void export() throws Exception {
        stores = new TwoStores(directory);
        addUser(stores.storeA(), "joe");
        MaildirSyncTest.fill(stores, stores.storeA());
        stores.append(stores.storeA(), "INBOX", "\\Answered", "$Forwarded", "todo");
        dir = directory.resolve("home/mail");
        if (ThrowawayDovecot.available()) {
            // the tree is Dovecot's user's before the export: what we write is given to it (we run as root)
            ThrowawayDovecot.giveToMailOwner(java.nio.file.Files.createDirectories(directory.resolve("home")));
        }
        try (Location mbox = MboxSyncTest.mboxAt("mbox:" + dir)) {
            assertEquals(0, stores.sync(stores.a, mbox, SyncOptions.of(Mode.BACKUP)).status(), stores.lines.toString());
        }
    }

    @AfterEach
    void close() {
        stores.close();
    }

    /** The lines read_mbox.py prints for the store's messages, mailbox by mailbox in UID order. */
    private List<String> expectedFromTheStore(Map<String, Path> files) throws IOException {
        List<String> lines = new ArrayList<>();
        try (UserMail mail = stores.a.open(USER, false)) {
            for (FolderInfo info : mail.folders()) {
                Path file = files.get(info.name());
                if (file == null) {
                    continue;
                }
                Folder folder = mail.folder(info.guid());
                List<MessageMeta> metas = folder.messages(UidSet.ALL);
                Map<Long, String> digests = new TreeMap<>();
                folder.read(metas.stream().map(MessageMeta::uid).toList(),
                        (m, in) -> digests.put(m.uid(), MailView.digest(in.readAllBytes())));
                for (MessageMeta m : metas) {
                    StringBuilder letters = new StringBuilder();
                    m.flags().values().stream().map(f -> LETTERS.getOrDefault(f, "")).sorted().forEach(letters::append);
                    lines.add("message\t" + file + "\t" + letters + "\tMAILER-DAEMON\t" + digests.get(m.uid()));
                }
            }
        }
        return lines;
    }

    @Test
    void pythonsMailboxModuleReadsEveryExportedMessageWithItsFlagsAndBytes() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs python3");
        Map<String, Path> files = new TreeMap<>(Map.of("INBOX", dir.resolve("inbox"), "Archive/2024",
                dir.resolve("Archive/2024"), "Sent", dir.resolve("Sent")));
        List<String> command = new ArrayList<>(List.of("python3", READER.toString()));
        files.values().forEach(f -> command.add(f.toString()));
        Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        python.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, python.exitValue(), out);
        List<String> withoutOld = new ArrayList<>();
        for (String line : out.lines().toList()) {
            String[] f = line.split("\t", -1);
            f[2] = f[2].replace("O", ""); // "old": seen by a reader, not an IMAP flag
            withoutOld.add(String.join("\t", f));
        }
        assertEquals(expectedFromTheStore(files).stream().sorted().toList(), withoutOld.stream().sorted().toList(), out);
    }

    @Test
    void dovecotServingTheExportShowsImaplibWhatTheStoreLists() throws Exception {
        assumeTrue(ThrowawayDovecot.available(), "needs root, Debian's dovecot-imapd and python3 (.ci/run installs them)");
        try (ThrowawayDovecot dovecot = ThrowawayDovecot.start(directory.resolve("dovecot"),
                "mbox:" + dir + ":INBOX=" + dir.resolve("inbox"), directory.resolve("home"))) {
            List<String> expected = MaildirSyncDovecotTest.asImapSees(stores.a, USER, false, '/').stream()
                    .filter(l -> !l.startsWith("mailbox\tArchive\t")) // a directory in an mbox tree: \Noselect
                    .toList();
            assertEquals(expected, MaildirSyncDovecotTest.maskUidNext(dovecot.dump()), dovecot.log());
        }
    }
}
