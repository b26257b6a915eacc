package org.storemulti.store.message;

import java.util.Arrays;

import org.storemulti.store.mime.MessageStructure;

/**
 * What the store caches of a content beside its file ({@code message_file.mime} and
 * {@code .header}): the encoded MIME structure and the message's header block, so a FETCH of
 * ENVELOPE, BODYSTRUCTURE or header fields opens no file. Either is {@code null} when not
 * cached (a message stored before that cache existed, a parser failure, a header longer than
 * {@link #HEADER_MAX}): the file is read then, and the cache filled on that first read.
 */
record CachedMime(String structure, byte[] header) {

    /** Longest header block cached; a longer one (rare: huge Received chains) is read from the file. */
    static final int HEADER_MAX = 64 * 1024;

    static final CachedMime NONE = new CachedMime(null, null);

    /**
     * The cache of a message whose first {@code count} bytes are {@code start} (the whole
     * message, or at least its first {@link #HEADER_MAX} bytes when it is longer).
     */
    static CachedMime of(MessageStructure structure, byte[] start, int count) {
        long length = structure.body().headerLength();
        byte[] header = structure.body().headerOffset() == 0 && length <= Math.min(count, HEADER_MAX)
                ? Arrays.copyOf(start, (int) length) : null;
        return new CachedMime(structure.encode(), header);
    }
}
