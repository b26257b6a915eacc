package org.storemulti.sync.remote;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.storemulti.store.message.Expunged;
import org.storemulti.store.message.Flags;
import org.storemulti.sync.location.FolderInfo;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.MessageMeta;

/**
 * The encoding of protocol version 1 after its handshake line: big-endian numbers, strings as a
 * length and UTF-8, lists as a count and items; message bodies as chunks of at most 64 KiB
 * (a length and the bytes), a zero length, then the body's size and SHA-256.
 */
final class Wire {

    static final String HANDSHAKE = "STORESYNC 1";
    static final int OK = 0;
    static final int ERROR = 1;
    static final int BODY = 2;
    static final int END = 3;

    private static final int CHUNK = 64 * 1024;
    private static final int MAX_STRING = 64 * 1024 * 1024;

    private Wire() {
    }

    static void string(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String string(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > MAX_STRING) {
            throw new IOException("protocol error: a string of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static void strings(DataOutputStream out, java.util.Collection<String> texts) throws IOException {
        out.writeInt(texts.size());
        for (String text : texts) {
            string(out, text);
        }
    }

    static List<String> strings(DataInputStream in) throws IOException {
        int n = count(in);
        List<String> texts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            texts.add(string(in));
        }
        return texts;
    }

    static Set<String> stringSet(DataInputStream in) throws IOException {
        return new LinkedHashSet<>(strings(in));
    }

    static void stringMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> each : map.entrySet()) {
            string(out, each.getKey());
            string(out, each.getValue());
        }
    }

    static Map<String, String> stringMap(DataInputStream in) throws IOException {
        int n = count(in);
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(string(in), string(in));
        }
        return map;
    }

    static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 50_000_000) {
            throw new IOException("protocol error: a list of " + n + " items");
        }
        return n;
    }

    static void folder(DataOutputStream out, FolderInfo info) throws IOException {
        string(out, info.name());
        string(out, info.guid());
        out.writeLong(info.uidValidity());
        out.writeLong(info.uidNext());
        out.writeLong(info.highestModseq());
        out.writeLong(info.messages());
        string(out, info.token());
        strings(out, info.specialUse());
    }

    static FolderInfo folder(DataInputStream in) throws IOException {
        return new FolderInfo(string(in), string(in), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                string(in), stringSet(in));
    }

    static void meta(DataOutputStream out, MessageMeta meta) throws IOException {
        out.writeLong(meta.uid());
        string(out, meta.guid());
        out.writeLong(meta.modseq());
        string(out, meta.flags().column());
        out.writeLong(meta.internalDate() == null ? Long.MIN_VALUE : meta.internalDate().toEpochMilli());
        out.writeLong(meta.size());
    }

    static MessageMeta meta(DataInputStream in) throws IOException {
        long uid = in.readLong();
        String guid = string(in);
        long modseq = in.readLong();
        String flags = string(in);
        long date = in.readLong();
        long size = in.readLong();
        return new MessageMeta(uid, guid, modseq, flags(flags), date == Long.MIN_VALUE ? null : Instant.ofEpochMilli(date),
                size);
    }

    static Flags flags(String column) {
        return column.isEmpty() ? Flags.NONE : Flags.of(Arrays.asList(column.split(" ")));
    }

    static void metas(DataOutputStream out, List<MessageMeta> metas) throws IOException {
        out.writeInt(metas.size());
        for (MessageMeta meta : metas) {
            meta(out, meta);
        }
    }

    static List<MessageMeta> metas(DataInputStream in) throws IOException {
        int n = count(in);
        List<MessageMeta> metas = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            metas.add(meta(in));
        }
        return metas;
    }

    static void expunged(DataOutputStream out, List<Expunged> gone) throws IOException {
        out.writeInt(gone.size());
        for (Expunged e : gone) {
            out.writeLong(e.uid());
            string(out, e.guid());
            out.writeLong(e.modseq());
        }
    }

    static List<Expunged> expunged(DataInputStream in) throws IOException {
        int n = count(in);
        List<Expunged> gone = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            gone.add(new Expunged(in.readLong(), string(in), in.readLong()));
        }
        return gone;
    }

    static void longs(DataOutputStream out, List<Long> values) throws IOException {
        out.writeInt(values.size());
        for (long value : values) {
            out.writeLong(value);
        }
    }

    static List<Long> longs(DataInputStream in) throws IOException {
        int n = count(in);
        List<Long> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(in.readLong());
        }
        return values;
    }

    /** An error reply: the kind and the line. */
    static void error(DataOutputStream out, LocationException e) throws IOException {
        out.writeByte(ERROR);
        string(out, e.kind().name());
        string(out, e.getMessage());
    }

    static LocationException error(DataInputStream in) throws IOException {
        String kind = string(in);
        String message = string(in);
        try {
            return new LocationException(LocationException.Kind.valueOf(kind), message);
        } catch (IllegalArgumentException e) {
            return new LocationException(LocationException.Kind.FAILED, message);
        }
    }

    /**
     * Sends {@code content} to its end as chunks, then its size and digest. If reading
     * {@code content} fails half-way, the body is ended with a size no body has (-1), so the
     * receiver throws it away and the connection stays usable, and the failure is thrown.
     */
    static void body(DataOutputStream out, InputStream content) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[CHUNK];
        long size = 0;
        while (true) {
            int n;
            try {
                n = content.read(buffer);
            } catch (IOException e) {
                out.writeInt(0);
                out.writeLong(-1);
                out.write(new byte[32]);
                throw new SourceFailure(e);
            }
            if (n < 0) {
                break;
            }
            if (n > 0) {
                out.writeInt(n);
                out.write(buffer, 0, n);
                digest.update(buffer, 0, n);
                size += n;
            }
        }
        out.writeInt(0);
        out.writeLong(size);
        out.write(digest.digest());
    }

    /** The message being sent could not be read here; the connection itself is fine. */
    static final class SourceFailure extends IOException {
        private static final long serialVersionUID = 1L;

        SourceFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }

    /**
     * A body as it arrives: the chunks' bytes, then end of stream only once the size and digest
     * that follow match what was read; otherwise an {@link IOException}, so the receiving batch
     * fails before anything is committed. {@code what} names the message in errors.
     */
    static final class BodyInput extends InputStream {

        private final DataInputStream in;
        private final String what;
        private final MessageDigest digest = sha256();
        private int left;
        private long size;
        private boolean ended;

        BodyInput(DataInputStream in, String what) {
            this.in = in;
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (left == 0) {
                if (ended) {
                    return -1;
                }
                nextChunk();
            }
            int n = in.read(buffer, offset, Math.min(length, left));
            if (n < 0) {
                throw new EOFException(what + ": the stream ended inside the message body");
            }
            left -= n;
            size += n;
            digest.update(buffer, offset, n);
            return n;
        }

        private void nextChunk() throws IOException {
            try {
                left = in.readInt();
                if (left < 0 || left > CHUNK) {
                    throw new IOException(what + ": protocol error: a chunk of " + left + " bytes");
                }
                if (left == 0) {
                    ended = true;
                    long declared = in.readLong();
                    byte[] expected = new byte[32];
                    in.readFully(expected);
                    if (declared != size || !MessageDigest.isEqual(expected, digest.digest())) {
                        throw new IOException(what + ": the body received (" + size + " bytes) does not match its"
                                + " size and SHA-256 (" + declared + " bytes): not saved");
                    }
                }
            } catch (EOFException e) {
                throw new EOFException(what + ": the stream ended inside the message body");
            }
        }

        /** Reads what the consumer left, so the next frame can be read (and checks it all the same). */
        void drain() throws IOException {
            byte[] buffer = new byte[CHUNK];
            while (read(buffer, 0, buffer.length) >= 0) {
                // skipped
            }
        }
    }
}
