package org.storemulti.imap.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.imap.testing.Mail;
import org.storemulti.store.Store;
import org.storemulti.store.message.MessageRecord;
import org.storemulti.store.message.UidSet;

/** The cache of rendered items stays within its bound, dropping the least recently used messages first. */
class RenderedItemsBoundTest {

    @TempDir
    Path directory;

    @Test
    void theLeastRecentlyUsedMessagesGoWhenTheBoundIsPassed() {
        try (Store store = Store.open(directory)) {
            store.domains().add("example.com");
            store.mailboxes().addUser("example.com", "joe");
            for (int i = 0; i < 4; i++) {
                Mail.deliver(store, "joe@example.com", Mail.simple("message " + i, "body"));
            }
            List<MessageRecord> m = store.messages().mailbox("example.com", "user/joe/INBOX").fetch(UidSet.ALL, false);
            RenderedItems cache = new RenderedItems(300);
            String[] all = {RenderedItems.ENVELOPE, RenderedItems.BODY, "BODY[HEADER.FIELDS (Subject)]"};
            byte[] hundred = new byte[100];
            cache.put(m.get(0).content(), RenderedItems.ENVELOPE, hundred);
            cache.put(m.get(0).content(), RenderedItems.BODY, new byte[50]);
            cache.put(m.get(1).content(), RenderedItems.ENVELOPE, hundred);
            assertEquals(250, cache.bytes());
            byte[][] first = cache.get(m.get(0).content(), all);
            assertArrayEquals(hundred, first[0], "message 0 used: now the most recent");
            assertEquals(50, first[1].length);
            assertNull(first[2], "not kept");
            cache.put(m.get(2).content(), "BODY[HEADER.FIELDS (Subject)]", hundred);
            assertNull(cache.get(m.get(1).content(), all)[0], "the least recently used went");
            assertTrue(cache.get(m.get(0).content(), all)[0] != null && cache.get(m.get(2).content(), all)[2] != null);
            assertEquals(250, cache.bytes());
            cache.put(m.get(3).content(), RenderedItems.ENVELOPE, new byte[400]);
            assertTrue(cache.bytes() <= 300, cache.bytes() + " bytes kept");
        }
    }
}
