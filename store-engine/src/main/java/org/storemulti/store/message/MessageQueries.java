package org.storemulti.store.message;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.storemulti.store.db.Session;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.ObjectKind;
import org.storemulti.store.mime.MessageStructure;
import org.storemulti.store.mime.MimeParser;
import org.storemulti.store.mime.MimePart;

/** The read queries behind {@link MailboxHandle}, each inside the caller's read transaction. */
final class MessageQueries {

    private static final System.Logger LOG = System.getLogger(MessageQueries.class.getName());

    /** Longest header block handed out (IMAP's HEADER.FIELDS of a message with a huge header). */
    static final int HEADER_READ_MAX = 1 << 20;

    private MessageQueries() {
    }

    /** Throws NotFound (naming the mailbox as {@code known}) if the mailbox was deleted. */
    static void requireMailbox(Session session, long mailboxId, String known) throws SQLException {
        if (session.number("SELECT COUNT(*) FROM mailbox WHERE id = ?", mailboxId) == 0) {
            throw new NotFoundException(ObjectKind.MAILBOX, known);
        }
    }

    static MailboxState state(Session session, long mailboxId, String known) throws SQLException {
        return state(session, mailboxId, known, session.number("SELECT COUNT(*) FROM message WHERE mailbox_id = ?",
                mailboxId));
    }

    /** The state with a message count the caller has counted already. */
    private static MailboxState state(Session session, long mailboxId, String known, long messages)
            throws SQLException {
        return session.first("SELECT d.name, m.name, m.guid, m.uid_validity, m.next_uid, m.highest_modseq,"
                + " m.first_recent_uid FROM mailbox m JOIN domain d ON d.id = m.domain_id WHERE m.id = ?",
                row -> new MailboxState(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                        row.getLong(5), row.getLong(6), messages, row.getLong(7)), mailboxId)
                .orElseThrow(() -> new NotFoundException(ObjectKind.MAILBOX, known));
    }

    /**
     * Two reads: UID, modseq and system flags of every message, one range of the table kept in
     * (mailbox, UID) order (modseq and flags packed in one column: a 100,000-message SELECT is
     * dominated by per-column JDBC calls), then, through a partial index, the keywords of the
     * messages that have any.
     */
    static MailboxSnapshot snapshot(Session session, long mailboxId, String known) throws SQLException {
        return read(session, mailboxId, state(session, mailboxId, known, 0));
    }

    /**
     * The snapshot of a large mailbox from the one {@code cache} kept, when that is still
     * exact or can be brought up to date from the changes since ({@link SnapshotCache});
     * else read whole, and kept.
     */
    static MailboxSnapshot snapshot(Session session, long mailboxId, String known, SnapshotCache cache)
            throws SQLException {
        MailboxSnapshot cached = cache.get(mailboxId);
        if (cached == null) {
            MailboxSnapshot read = snapshot(session, mailboxId, known);
            cache.put(mailboxId, read);
            return read;
        }
        MailboxState now = state(session, mailboxId, known);
        List<String> keywords = MailboxKeywords.list(session, mailboxId);
        MailboxSnapshot snapshot = SnapshotCache.unchanged(cached, now) ? cached.with(now, keywords)
                : SnapshotCache.updated(cached, now, changes(session, mailboxId, cached.state().highestModseq(), now),
                        keywords);
        if (snapshot == null) {
            snapshot = read(session, mailboxId, now);
        }
        cache.put(mailboxId, snapshot);
        return snapshot;
    }

    /** Every message's UID, modseq and flags, read whole (see {@link #snapshot(Session, long, String)}). */
    private static MailboxSnapshot read(Session session, long mailboxId, MailboxState mailbox) throws SQLException {
        int capacity = (int) Math.min(Math.max(mailbox.uidNext() - 1, 16), 1 << 20);
        long[][] columns = {new long[capacity], new long[capacity]};
        int[] count = {0};
        session.forEach("SELECT uid, modseq * 32 + system_flags FROM message WHERE mailbox_id = ? ORDER BY uid",
                row -> {
                    int i = count[0]++;
                    if (i == columns[0].length) {
                        columns[0] = Arrays.copyOf(columns[0], i * 2 + 16);
                        columns[1] = Arrays.copyOf(columns[1], i * 2 + 16);
                    }
                    columns[0][i] = row.getLong(1);
                    columns[1][i] = row.getLong(2);
                }, mailboxId);
        int n = count[0];
        long[] uids = Arrays.copyOf(columns[0], n);
        long[] modseqs = new long[n];
        Flags[] flags = new Flags[n];
        FlagsInterner interner = new FlagsInterner();
        for (int i = 0; i < n; i++) {
            modseqs[i] = columns[1][i] >>> 5;
            flags[i] = interner.flags((int) (columns[1][i] & 31), "");
        }
        session.forEach("SELECT uid, system_flags, keywords FROM message WHERE mailbox_id = ? AND keywords <> ''",
                row -> {
                    int i = Arrays.binarySearch(uids, row.getLong(1));
                    if (i >= 0) {
                        flags[i] = interner.flags(row.getInt(2), row.getString(3));
                    }
                }, mailboxId);
        MailboxState state = new MailboxState(mailbox.domain(), mailbox.mailbox(), mailbox.guid(), mailbox.uidValidity(),
                mailbox.uidNext(), mailbox.highestModseq(), n, mailbox.firstRecentUid());
        return new MailboxSnapshot(state, uids, modseqs, flags, MailboxKeywords.list(session, mailboxId));
    }

    static MailboxChanges changes(Session session, long mailboxId, long modseq, String known) throws SQLException {
        return changes(session, mailboxId, modseq, state(session, mailboxId, known));
    }

    /** The changes after {@code modseq}, with the state the caller read in this transaction. */
    private static MailboxChanges changes(Session session, long mailboxId, long modseq, MailboxState state)
            throws SQLException {
        FlagsInterner interner = new FlagsInterner();
        List<MessageFlags> changed = new ArrayList<>(session.list(changesQuery(state, modseq),
                row -> new MessageFlags(row.getLong(1), row.getString(2), row.getLong(3),
                        interner.flags(row.getInt(4), row.getString(5))), mailboxId, modseq));
        changed.sort(Comparator.comparingLong(MessageFlags::uid));
        return new MailboxChanges(state, changed, ExpungeLog.since(session, mailboxId, modseq));
    }

    /**
     * Few changes (the modseqs since are fewer than a quarter of the messages: the usual catch-up
     * after a change) through the modseq index, in index order; many through the mailbox's own
     * range, where the index would cost a lookup per message (2.5x the scan when all changed).
     */
    private static String changesQuery(MailboxState state, long modseq) {
        boolean few = state.highestModseq() - modseq < state.messages() / 4;
        return "SELECT uid, guid, modseq, system_flags, keywords FROM message WHERE mailbox_id = ? AND "
                + (few ? "modseq > ?" : "+modseq > ?");
    }

    /**
     * The messages of {@code uids}, by UID; with {@code structure}, their MIME structure, with
     * {@code header}, their header block, both from the cache. Contents stored before the cache
     * existed are read (the file parsed, or its header read) and noted in {@code toCache}: file
     * id to what to fill in, for the caller to store.
     */
    static List<MessageRecord> fetch(Session session, long mailboxId, UidSet uids, boolean structure, boolean header,
            MessageFiles files, Map<Long, CachedMime> toCache) throws SQLException {
        FlagsInterner interner = new FlagsInterner();
        List<MessageRecord> records = new ArrayList<>();
        UidRows.forEach(session, "SELECT x.uid, x.guid, x.modseq, x.system_flags, x.keywords, x.internal_date, x.size,"
                + " f.path, f.file_size, f.id, " + (structure || header ? "f.mime" : "NULL") + ", "
                + (header ? "f.header" : "NULL")
                + " FROM message x JOIN message_file f ON f.id = x.file_id", mailboxId, uids, row -> {
                    long size = row.getLong(7);
                    MessageContent content = new MessageContent(files.resolve(row.getString(8)), row.getLong(9) - size,
                            size);
                    long fileId = row.getLong(10);
                    byte[] cachedHeader = header ? row.getBytes(12) : null;
                    MessageStructure parsed = structure || header && cachedHeader == null
                            ? structure(row.getString(11), content, fileId, toCache) : null;
                    records.add(new MessageRecord(row.getLong(1), row.getString(2), row.getLong(3),
                            interner.flags(row.getInt(4), row.getString(5)), Instant.ofEpochMilli(row.getLong(6)), size,
                            content, structure ? parsed : null,
                            cachedHeader != null ? cachedHeader : header ? header(parsed, content, fileId, toCache) : null));
                });
        return records;
    }

    /** The cached structure, or the file parsed now (and noted for the cache) when there is none. */
    static MessageStructure structure(String cached, MessageContent content, long fileId,
            Map<Long, CachedMime> toCache) {
        if (cached != null) {
            try {
                return MessageStructure.decode(cached);
            } catch (IllegalArgumentException e) {
                LOG.log(Level.DEBUG, "MIME cache of file " + fileId + " unreadable, parsing the file again", e);
            }
        }
        try (InputStream in = content.open()) {
            MessageStructure parsed = MimeParser.parse(in);
            toCache.put(fileId, new CachedMime(parsed.encode(), null));
            return parsed;
        } catch (IOException e) {
            // not cached: the file may be readable next time
            return MimeParser.opaque(content.size(), "cannot read " + content.file() + ": " + e.getMessage());
        }
    }

    /**
     * The header block of a content whose header is not cached, read from its file (cut at
     * 1 MiB) and noted for the cache when it is short enough; {@code null} if the file cannot be
     * read (the caller reads it itself, and meets the error).
     */
    static byte[] header(MessageStructure structure, MessageContent content, long fileId,
            Map<Long, CachedMime> toCache) {
        MimePart root = structure.body();
        byte[] header;
        try {
            header = content.read(root.headerOffset(), (int) Math.min(root.headerLength(), HEADER_READ_MAX));
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot read the header of " + content.file(), e);
            return null; // not cached: the file may be readable next time
        }
        if (root.headerOffset() == 0 && header.length == root.headerLength() && header.length <= CachedMime.HEADER_MAX) {
            CachedMime known = toCache.get(fileId);
            toCache.put(fileId, new CachedMime(known == null ? null : known.structure(), header));
        }
        return header;
    }
}
