package org.storemulti.imap.session;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.storemulti.store.message.MessageContent;

/**
 * ENVELOPE, BODY and BODYSTRUCTURE as this server rendered them, per message file, shared by
 * all its sessions: a FETCH of them copies these bytes instead of decoding the engine's MIME
 * structure and rendering it again (that was two thirds of the command, BENCHMARKS.md,
 * "IMAP reading, third pass"). A message file never changes and its name is never reused,
 * so an entry is never stale; the least recently used go when the cache holds more than
 * {@link #MAX_BYTES}. What is kept is exactly what the renderer wrote ({@code
 * ResponseWriter.since}), so a cached answer is byte for byte the rendered one.
 */
final class RenderedStructures {

    /**
     * Bound on the rendered bytes kept: about 4,000 messages' worth of all three items (one
     * message's are 0.5-1.5 KB), the heap a busy instance adds for it; a client reading a
     * larger folder renders again what fell out.
     */
    static final long MAX_BYTES = 4L << 20;

    /** The rendered items; the index of each is its {@link Item#ordinal()}. */
    enum Item {
        ENVELOPE, BODY, BODYSTRUCTURE
    }

    private record Key(Path file, long offset) {
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, byte[][]> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    RenderedStructures(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The items of {@code content} rendered so far (null where not); null when none is. */
    synchronized byte[][] get(MessageContent content) {
        byte[][] items = entries.get(new Key(content.file(), content.fileOffset()));
        return items == null ? null : items.clone();
    }

    synchronized void put(MessageContent content, Item item, byte[] rendered) {
        byte[][] items = entries.computeIfAbsent(new Key(content.file(), content.fileOffset()),
                k -> new byte[Item.values().length][]);
        if (items[item.ordinal()] != null) {
            return; // another session rendered it meanwhile: the same bytes
        }
        items[item.ordinal()] = rendered;
        bytes += rendered.length;
        Iterator<Map.Entry<Key, byte[][]>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            for (byte[] each : eldest.next().getValue()) {
                bytes -= each == null ? 0 : each.length;
            }
            eldest.remove();
        }
    }

    /** The rendered bytes kept now. */
    synchronized long bytes() {
        return bytes;
    }
}
