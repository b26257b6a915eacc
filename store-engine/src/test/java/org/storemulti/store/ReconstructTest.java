package org.storemulti.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.message.Delivery;
import org.storemulti.store.message.DeliveryResult.Stored;
import org.storemulti.store.message.ExpungeHistory;
import org.storemulti.store.message.Expunged;
import org.storemulti.store.message.FlagChange;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MailboxHandle;
import org.storemulti.store.message.MessageRecord;
import org.storemulti.store.message.UidSet;
import org.storemulti.store.tools.ReconstructResult;

/** {@code reconstruct} keeps GUIDs and keywords and moves modseqs up, never down. */
class ReconstructTest {

    static final String DOMAIN = "example.com";
    static final String INBOX = "user/joe/INBOX";

    @TempDir
    Path data;

    static byte[] text(String subject) {
        return ("Subject: " + subject + "\r\n\r\n" + subject + "\r\n").getBytes(UTF_8);
    }

    @Test
    void lostRowsComeBackWithTheirGuidsKeptRowsKeepKeywordsAndEveryModseqGoesUp() throws IOException {
        try (Store store = Store.open(data)) {
            store.domains().add(DOMAIN);
            store.mailboxes().addUser(DOMAIN, "joe");
            store.mailboxes().addUser(DOMAIN, "ann");
            Stored kept = (Stored) store.deliver(List.of(new Delivery(DOMAIN, INBOX, text("kept"), null,
                    Flags.of("\\Seen", "project")))).get(0);
            Stored lost = (Stored) store.deliver(List.of(Delivery.of(DOMAIN, INBOX, text("lost row")))).get(0);
            Stored gone = (Stored) store.deliver(List.of(Delivery.of(DOMAIN, INBOX, text("lost file")))).get(0);
            byte[] shared = text("to joe and ann");
            store.deliver(List.of(Delivery.of(DOMAIN, INBOX, shared), Delivery.of(DOMAIN, "user/ann/INBOX", shared)));
            MailboxHandle inbox = store.messages().mailbox(DOMAIN, INBOX);
            inbox.store(UidSet.of(4), FlagChange.add(Flags.of("\\Deleted")), -1);
            inbox.expunge(UidSet.ALL);
            long before = inbox.state().highestModseq();
            StoreAccess.sql(store, "DELETE FROM message WHERE uid = " + lost.uid() + " AND mailbox_id = "
                    + "(SELECT id FROM mailbox WHERE name = '" + INBOX + "')");
            Files.delete(store.files().resolve(pathOf(store, gone.guid())));

            ReconstructResult result = store.tools().reconstruct(DOMAIN, INBOX);

            assertEquals(new ReconstructResult(DOMAIN, INBOX, 1, 1, 1), result);
            Map<String, MessageRecord> byGuid = new TreeMap<>();
            inbox.fetch(UidSet.ALL, false).forEach(m -> byGuid.put(m.guid(), m));
            assertEquals(new java.util.TreeSet<>(List.of(kept.guid(), lost.guid())), byGuid.keySet(),
                    "the expunged shared message stays expunged; the lost row is back with its GUID");
            assertEquals(Flags.of("\\Seen", "project"), byGuid.get(kept.guid()).flags());
            long after = inbox.state().highestModseq();
            assertTrue(after > before, "modseqs move up");
            byGuid.values().forEach(m -> assertEquals(after, m.modseq()));
            List<Expunged> expunged = ((ExpungeHistory.Known) inbox.expungedSince(before)).expunged();
            assertEquals(List.of(new Expunged(gone.uid(), gone.guid(), after)), expunged,
                    "the message whose file is gone is expunged for clients and sync peers");
            assertEquals(List.of(), store.tools().verify(false));
        }
    }

    @Test
    void filesOfARenamedMailboxAreFoundByItsGuid() {
        try (Store store = Store.open(data)) {
            store.domains().add(DOMAIN);
            store.mailboxes().addUser(DOMAIN, "joe");
            store.mailboxes().addUserFolder(DOMAIN, "joe", "Old");
            Stored stored = (Stored) store.deliver(List.of(Delivery.of(DOMAIN, "user/joe/Old", text("x")))).get(0);
            store.mailboxes().renameUserFolder(DOMAIN, "joe", "Old", "New");
            StoreAccess.sql(store, "DELETE FROM message");
            store.tools().reconstruct(DOMAIN, "user/joe/New");
            List<MessageRecord> back = store.messages().mailbox(DOMAIN, "user/joe/New").fetch(UidSet.ALL, false);
            assertEquals(List.of(stored.guid()), back.stream().map(MessageRecord::guid).toList());
            assertEquals(List.of(2L), back.stream().map(MessageRecord::uid).toList(), "a new UID, never a reused one");
            assertEquals(List.of(), store.tools().verify(false));
        }
    }

    @Test
    void messagesOfThePreviousReleaseGetBackTheGuidsTheUpgradeGaveThem() throws IOException {
        PreviousReleaseUpgradeTest.copyFixture(data);
        try (Store store = Store.open(data)) {
            MailboxHandle inbox = store.messages().mailbox(DOMAIN, "user/ann/INBOX");
            List<String> upgraded = inbox.fetch(UidSet.ALL, false).stream().map(MessageRecord::guid).sorted().toList();
            StoreAccess.sql(store, "DELETE FROM message WHERE mailbox_id = (SELECT id FROM mailbox WHERE name = 'user/ann/INBOX')");
            assertEquals(3, store.tools().reconstruct(DOMAIN, "user/ann/INBOX").added());
            assertEquals(upgraded, inbox.fetch(UidSet.ALL, false).stream().map(MessageRecord::guid).sorted().toList());
        }
    }

    private static String pathOf(Store store, String guid) {
        return store.database().read(session -> session.first("SELECT f.path FROM message x JOIN message_file f"
                + " ON f.id = x.file_id WHERE x.guid = ?", row -> row.getString(1), guid).orElseThrow());
    }
}
