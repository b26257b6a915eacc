package org.storemulti.sync.mboxlocation;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.storemulti.sync.mbox.MboxFolder;
import org.storemulti.sync.mbox.MboxFormat;
import org.storemulti.sync.mbox.MboxMessage;
import org.storemulti.sync.mbox.MboxReader;
import org.storemulti.sync.mbox.MboxState;

/**
 * One mbox file read whole from a consistent copy (taken under the mail locks, times put back):
 * every message with the UID and GUID it has, in UID order, and the copy kept for reading
 * bodies until released (the user's mail keeps its latest listing: a sync lists a mailbox, then
 * reads its bodies batch by batch, and the file is read once while it stays as listed).
 *
 * <p>UIDs: a file with {@code X-IMAPbase} keeps them in {@code X-UID} (a message without one,
 * say appended by local(8), gets the next, in file order, as Dovecot gives them). A file without
 * is numbered by position under the UID validity kept in the tree's state, as long as the file
 * is the one listed last time with messages appended; otherwise (a message removed or changed)
 * it gets a new UID validity, so no UID ever names another message. GUIDs: the one the tree's
 * state keeps for the UID, else a digest of the content (and how many identical ones came
 * before it), so the same message has the same GUID next time.
 */
final class Listing implements Closeable {

    /** One message: where it is in the file ({@code index}, from 0), what it is, and its size with CRLF line ends. */
    record Message(int index, long uid, String guid, MboxMessage mbox, long size) {
    }

    private final MboxReader snapshot;
    private final MboxFormat format;
    final MboxState state;
    final long uidValidity;
    final long uidNext;
    final boolean keepsUids;
    final List<Message> messages;
    /** The keywords the file's {@code X-IMAPbase} names (Dovecot shows only those). */
    final List<String> declaredKeywords;

    private Listing(MboxReader snapshot, MboxFormat format, MboxState state, long uidValidity, long uidNext,
            boolean keepsUids, List<Message> messages, List<String> declaredKeywords) {
        this.snapshot = snapshot;
        this.format = format;
        this.state = state;
        this.uidValidity = uidValidity;
        this.uidNext = uidNext;
        this.keepsUids = keepsUids;
        this.messages = messages;
        this.declaredKeywords = declaredKeywords;
    }

    /** An empty file (or none): the UID validity and next UID the state keeps. */
    static Listing empty(MboxState state, long uidValidity, long uidNext) {
        return new Listing(null, null, state, uidValidity, uidNext, true, List.of(), List.of());
    }

    /**
     * Lists the snapshot {@code reader} of a file whose state entry is {@code known} (null: none);
     * {@code newUidValidity} is what a file that must be numbered afresh takes.
     */
    static Listing of(MboxReader reader, MboxFormat format, TreeState.Entry known, long newUidValidity) throws IOException {
        List<MboxMessage> read = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        while (reader.next()) {
            read.add(reader.message());
            Counting counting = new Counting();
            try (InputStream content = reader.content()) {
                content.transferTo(counting);
            }
            String digest = counting.hex();
            int copies = seen.merge(digest, 1, Integer::sum);
            digests.add(guidOf(digest, copies - 1));
            sizes.add(counting.crlfSize());
        }
        MboxFolder base = reader.folder();
        List<Message> messages = new ArrayList<>(read.size());
        long validity;
        long next;
        if (base != null) {
            validity = base.uidValidity();
            boolean sameUids = known != null && known.uidValidity == validity;
            long highest = 0;
            for (MboxMessage m : read) {
                highest = Math.max(highest, m.uid());
            }
            next = Math.max(Math.max(base.uidNext(), highest + 1), sameUids ? known.uidNext : 1);
            for (int i = 0; i < read.size(); i++) {
                MboxMessage m = read.get(i);
                long uid = m.uid() > 0 ? m.uid() : next++;
                String guid = sameUids ? known.guids.getOrDefault(uid, digests.get(i)) : digests.get(i);
                messages.add(new Message(i, uid, guid, m, sizes.get(i)));
            }
            messages.sort(Comparator.comparingLong(Message::uid));
        } else {
            boolean continues = known != null && known.uidNext <= read.size() + 1;
            for (int i = 0; continues && i < read.size(); i++) {
                String was = known.guids.get((long) i + 1);
                continues = was == null ? i + 1 >= known.uidNext : was.equals(digests.get(i));
            }
            validity = continues ? known.uidValidity : newUidValidity;
            for (int i = 0; i < read.size(); i++) {
                messages.add(new Message(i, i + 1, digests.get(i), read.get(i), sizes.get(i)));
            }
            next = read.size() + 1;
        }
        return new Listing(reader, format, reader.state(), validity, next, base != null, List.copyOf(messages),
                base == null ? List.of() : base.keywords());
    }

    static String guidOf(String digest, int copiesBefore) {
        if (copiesBefore == 0) {
            return digest.substring(0, 32);
        }
        return Counting.sha256((digest + "#" + copiesBefore).getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .substring(0, 32);
    }

    /** The message with {@code uid}, or null. */
    Map<Long, Message> byUid() {
        Map<Long, Message> map = new HashMap<>();
        messages.forEach(m -> map.put(m.uid(), m));
        return map;
    }

    /** Every keyword a message has, for {@code X-IMAPbase}. */
    List<String> keywords() {
        return messages.stream().flatMap(m -> m.mbox().flags().stream()).filter(f -> !f.startsWith("\\")).distinct()
                .sorted().toList();
    }

    /** Takes one body: the message and its content (as stored, Unix line ends). */
    @FunctionalInterface
    interface BodyTaker {
        void take(Message message, InputStream content) throws IOException;
    }

    /**
     * Hands {@code wanted} (in that order) their contents from the copy: one pass while they come
     * in file order, a fresh reader of the copy when one goes back.
     */
    void bodies(List<Message> wanted, BodyTaker taker) throws IOException {
        if (wanted.isEmpty()) {
            return;
        }
        Path copy = snapshot.file();
        MboxReader reader = null;
        int at = -1;
        try {
            for (Message m : wanted) {
                if (reader == null || m.index() <= at) {
                    if (reader != null) {
                        reader.close();
                    }
                    reader = MboxReader.open(copy, format);
                    at = -1;
                }
                while (at < m.index()) {
                    if (!reader.next()) {
                        throw new IOException(copy + ": message " + m.index() + " is not in the copy");
                    }
                    at++;
                }
                try (InputStream content = reader.content()) {
                    taker.take(m, content);
                }
            }
        } finally {
            if (reader != null) {
                reader.close();
            }
        }
    }

    /** Does nothing: the user's mail keeps its last listing (and its copy) and drops it with {@link #release}. */
    @Override
    public void close() {
        // kept for the next call while the file stays as listed
    }

    /** Drops the copy. */
    void release() throws IOException {
        if (snapshot != null) {
            snapshot.close();
        }
    }

    /** Counts and digests what passes; the size it would have with CRLF line ends. */
    private static final class Counting extends OutputStream {
        private final MessageDigest digest = sha256Digest();
        private long bytes;
        private long bareLineFeeds;
        private int last = -1;

        @Override
        public void write(int b) {
            digest.update((byte) b);
            count((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            digest.update(b, off, len);
            for (int i = off; i < off + len; i++) {
                count(b[i]);
            }
        }

        private void count(byte b) {
            bytes++;
            if (b == '\n' && last != '\r') {
                bareLineFeeds++;
            }
            last = b;
        }

        long crlfSize() {
            return bytes + bareLineFeeds;
        }

        String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }

        static MessageDigest sha256Digest() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }

        static String sha256(byte[] bytes) {
            return HexFormat.of().formatHex(sha256Digest().digest(bytes));
        }
    }
}
