package org.storemulti.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.message.UidSet;
import org.storemulti.sync.Locations;
import org.storemulti.sync.Sync;
import org.storemulti.sync.SyncOptions;
import org.storemulti.sync.UserReport;
import org.storemulti.sync.location.Folder;
import org.storemulti.sync.location.FolderInfo;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.location.MessageMeta;
import org.storemulti.sync.location.UserMail;
import org.storemulti.sync.mbox.MboxFormat;
import org.storemulti.sync.mbox.MboxReader;
import org.storemulti.sync.store.StoreLocation;

/**
 * An mbox written by Debian's Postfix local(8) imports into a store through the mbox: location
 * (mbox:DIR:INBOX=SPOOL/%u, backup -R): every message byte for byte as local(8) wrote it (its
 * {@code >From } quoting undone), with the internal date of its {@code From } line; the spool's
 * atime and mtime are the old ones after, and a second run copies only what Postfix delivered
 * since. Skipped without root and Postfix.
 */
class PostfixMboxImportTest {

    @TempDir
    static Path root;

    private static PrivatePostfix postfix;

    @BeforeAll
    static void startPostfix() throws Exception {
        assumeTrue(PrivatePostfix.available(), "needs root and Debian's postfix package (.ci/run installs it)");
        postfix = PrivatePostfix.start(Files.createDirectory(root.resolve("postfix")), 1);
    }

    @AfterAll
    static void stopPostfix() throws Exception {
        if (postfix != null) {
            postfix.close();
        }
    }

    private static void deliver(String user, int from, int to) throws Exception {
        long before = postfix.delivered();
        for (int n = from; n < to; n++) {
            postfix.send(user, "Subject: import " + n + "\nMessage-ID: <import." + n + "@example.org>\n\nFrom the top " + n
                    + "\nend of message " + n + "\n");
        }
        postfix.awaitDelivered(before + to - from, Duration.ofSeconds(60));
    }

    /** What local(8) wrote, message by message (LF alone there): CRLF content and the date of the From line. */
    private static List<String> spoolAsStored(Path mailbox) throws IOException {
        List<String> messages = new ArrayList<>();
        try (MboxReader reader = MboxReader.open(mailbox, MboxFormat.mboxo())) {
            while (reader.next()) {
                try (InputStream content = reader.content()) {
                    messages.add(reader.message().internalDate().getEpochSecond() + " "
                            + new String(content.readAllBytes(), StandardCharsets.ISO_8859_1).replace("\n", "\r\n"));
                }
            }
        }
        return messages;
    }

    private static List<String> storeInbox(Location store, String user) throws IOException {
        List<String> messages = new ArrayList<>();
        try (UserMail mail = store.open(user, false)) {
            FolderInfo inbox = mail.folders().stream().filter(f -> f.name().equals("INBOX")).findFirst().orElseThrow();
            Folder folder = mail.folder(inbox.guid());
            List<MessageMeta> metas = folder.messages(UidSet.ALL);
            List<Instant> dates = metas.stream().map(MessageMeta::internalDate).toList();
            List<byte[]> bodies = new ArrayList<>();
            folder.read(metas.stream().map(MessageMeta::uid).toList(), (m, in) -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                bodies.add(out.toByteArray());
            });
            for (int i = 0; i < metas.size(); i++) {
                messages.add(dates.get(i).getEpochSecond() + " " + new String(bodies.get(i), StandardCharsets.ISO_8859_1));
            }
        }
        return messages;
    }

    private static UserReport importInto(Location store, Location spool, String user) throws IOException {
        List<String> lines = new ArrayList<>();
        UserReport report = new Sync(store, spool, SyncOptions.of(SyncOptions.Mode.BACKUP_REVERSE),
                (level, line) -> lines.add(level + " " + line)).run(List.of(user), 1, (units, done, total) -> { }).get(0);
        assertEquals(0, report.status(), lines.toString());
        return report;
    }

    @Test
    void aSpoolLocalDeliveredImportsWholeWithDatesItsTimesPutBackAndThenOnlyNewMail() throws Exception {
        String name = postfix.users().get(0);
        String user = name + "@localhost";
        Path mailbox = postfix.mailbox(name);
        deliver(name, 0, 12);
        BasicFileAttributes before = Files.readAttributes(mailbox, BasicFileAttributes.class);
        int newMailBefore = PrivatePostfix.newMailTest(mailbox);
        String word = "mbox:" + root.resolve("home/%u/mail") + ":INBOX=" + postfix.spool.resolve("%u");
        try (Location store = StoreLocation.open(root.resolve("store"), "store:test");
                Location spool = Locations.open(List.of(word), FileSystems.getDefault(), null)) {
            assertEquals(12, importInto(store, spool, user).messagesCopied());
            BasicFileAttributes after = Files.readAttributes(mailbox, BasicFileAttributes.class);
            assertEquals(before.lastModifiedTime(), after.lastModifiedTime());
            assertEquals(before.lastAccessTime(), after.lastAccessTime());
            assertEquals(newMailBefore, PrivatePostfix.newMailTest(mailbox), "[ -N ] answers as before");
            List<String> stored = storeInbox(store, user);
            assertEquals(spoolAsStored(mailbox), stored);
            assertTrue(stored.stream().anyMatch(m -> m.contains("\r\n\r\nFrom the top 3\r\nend of message 3\r\n")),
                    "local(8)'s >From quoting undone: " + stored);
            deliver(name, 12, 15);
            assertEquals(3, importInto(store, spool, user).messagesCopied(), "only what came since");
            assertEquals(spoolAsStored(mailbox), storeInbox(store, user));
        }
    }
}
