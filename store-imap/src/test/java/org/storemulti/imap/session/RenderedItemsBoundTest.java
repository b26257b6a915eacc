package org.storemulti.imap.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The cache of made FETCH items: messages told apart by mailbox, UIDVALIDITY and UID; within its bound, least recently used out. */
class RenderedItemsBoundTest {

    private static final String[] ALL = {RenderedItems.ENVELOPE, RenderedItems.BODY, "BODY[HEADER.FIELDS (SUBJECT)]"};

    @Test
    void theLeastRecentlyUsedMessagesGoWhenTheBoundIsPassed() {
        RenderedItems cache = new RenderedItems(300);
        byte[] hundred = new byte[100];
        cache.put("mailbox", 1, 10, RenderedItems.ENVELOPE, hundred);
        cache.put("mailbox", 1, 10, RenderedItems.BODY, new byte[50]);
        cache.put("mailbox", 1, 11, RenderedItems.ENVELOPE, hundred);
        assertEquals(250, cache.bytes());
        byte[][] first = cache.get("mailbox", 1, 10, ALL);
        assertArrayEquals(hundred, first[0], "message 10 used: now the most recent");
        assertEquals(50, first[1].length);
        assertNull(first[2], "not kept");
        cache.put("mailbox", 1, 12, ALL[2], hundred);
        assertNull(cache.get("mailbox", 1, 11, ALL)[0], "the least recently used went");
        assertTrue(cache.get("mailbox", 1, 10, ALL)[0] != null && cache.get("mailbox", 1, 12, ALL)[2] != null);
        assertEquals(250, cache.bytes());
        cache.put("mailbox", 1, 13, RenderedItems.ENVELOPE, new byte[400]);
        assertTrue(cache.bytes() <= 300, cache.bytes() + " bytes kept");
    }

    @Test
    void anotherMailboxOrUidValidityIsAnotherMessage() {
        RenderedItems cache = new RenderedItems(1 << 20);
        cache.put(new String("mailbox"), 1, 10, RenderedItems.ENVELOPE, new byte[] {1});
        assertArrayEquals(new byte[] {1}, cache.get(new String("mailbox"), 1, 10, ALL)[0], "equal GUIDs, other instances");
        assertNull(cache.get("mailbox", 2, 10, ALL)[0], "renumbered: UIDVALIDITY changed");
        assertNull(cache.get("other", 1, 10, ALL)[0]);
        assertNull(cache.get("mailbox", 1, 11, ALL)[0]);
    }
}
