package org.storemulti.sync.location;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Messages saved together: each {@link #add} writes one message as it streams in (durably, but
 * invisible), {@link #commit} makes them all part of the mailbox at once. Closing a batch that
 * was not committed throws its messages away: a stream that failed half-way (a truncated
 * transfer, a digest that does not match) never leaves half a message, nor any of the batch.
 */
public interface SaveBatch extends Closeable {

    /**
     * Writes {@code content} (read to its end) as message {@code wanted}: its GUID (kept with
     * {@link Capability#GUIDS} unless the mailbox has it already), its UID (kept with
     * {@link Capability#UIDS} if at least UIDNEXT when committed; messages of one batch are given
     * in ascending UID order), flags and internal date. An {@link IOException} from
     * {@code content} fails the add; the batch should then be closed.
     */
    void add(MessageMeta wanted, InputStream content) throws IOException;

    /** Makes the messages added part of the mailbox; one result per {@link #add}, in order. */
    List<Saved> commit() throws IOException;

    /** Throws away what was added and not committed. */
    @Override
    void close() throws IOException;
}
