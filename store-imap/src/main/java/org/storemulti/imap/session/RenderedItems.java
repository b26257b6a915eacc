package org.storemulti.imap.session;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FETCH items as this server made them, per message, shared by all its sessions:
 * ENVELOPE, BODY and BODYSTRUCTURE as rendered, and the octets of the message's own
 * HEADER.FIELDS (.NOT) sections. A FETCH of them copies these bytes instead of decoding the
 * engine's MIME structure and rendering it again, or reading the header block from the
 * database and picking the fields again (BENCHMARKS.md, "IMAP reading, third pass"): what
 * Dovecot's cache file does for the same FETCHes. A message is named by its mailbox's GUID,
 * UIDVALIDITY and UID, which never name another message (RFC 3501 2.3.1.1), and it never
 * changes, so an entry is never stale; the least recently used messages go when the cache
 * holds more than its bound. (Named by its file instead, each lookup compared the file's
 * path byte by byte, a third of a kept FETCH's time.) What is kept is exactly what was made ({@code
 * ResponseWriter.since}, {@code HeaderFields}), so a kept answer is byte for byte a made one.
 */
final class RenderedItems {

    /**
     * The bound on the octets kept: about 5,000 messages' worth of ENVELOPE, BODYSTRUCTURE and
     * a header list (0.6-1.5 KB a message), the heap a busy instance adds for it; a client
     * reading a larger folder makes again what fell out.
     */
    static final long MAX_BYTES = 4L << 20;

    /** The item of ENVELOPE, BODY, BODYSTRUCTURE: its name. Of a header section: the section as {@code BODY[...]} says it. */
    static final String ENVELOPE = "ENVELOPE";
    static final String BODY = "BODY";
    static final String BODYSTRUCTURE = "BODYSTRUCTURE";

    /** {@code mailbox}: the session's own instance of the GUID, so equal keys mostly compare by identity. */
    private record Key(String mailbox, long uidValidity, long uid) {
    }

    /** One message's items, a handful at most: searched in order. */
    private static final class Entry {
        String[] items = new String[0];
        byte[][] octets = new byte[0][];
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    RenderedItems(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Per item of {@code items}, its octets for message {@code uid} of the mailbox, null where none are kept. */
    synchronized byte[][] get(String mailbox, long uidValidity, long uid, String[] items) {
        byte[][] found = new byte[items.length][];
        Entry entry = entries.get(new Key(mailbox, uidValidity, uid));
        if (entry != null) {
            for (int k = 0; k < items.length; k++) {
                found[k] = items[k] == null ? null : find(entry, items[k]);
            }
        }
        return found;
    }

    private static byte[] find(Entry entry, String item) {
        for (int i = 0; i < entry.items.length; i++) {
            if (entry.items[i].equals(item)) {
                return entry.octets[i];
            }
        }
        return null;
    }

    synchronized void put(String mailbox, long uidValidity, long uid, String item, byte[] octets) {
        Entry entry = entries.computeIfAbsent(new Key(mailbox, uidValidity, uid), k -> new Entry());
        if (find(entry, item) != null) {
            return; // another session made it meanwhile: the same octets
        }
        int n = entry.items.length;
        entry.items = Arrays.copyOf(entry.items, n + 1);
        entry.octets = Arrays.copyOf(entry.octets, n + 1);
        entry.items[n] = item;
        entry.octets[n] = octets;
        bytes += octets.length;
        Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            for (byte[] each : eldest.next().getValue().octets) {
                bytes -= each.length;
            }
            eldest.remove();
        }
    }

    /** The octets kept now. */
    synchronized long bytes() {
        return bytes;
    }
}
