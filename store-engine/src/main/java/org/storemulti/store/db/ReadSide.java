package org.storemulti.store.db;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Migration 3, the read side: modification sequences, the expunge log, message and mailbox
 * GUIDs, flags as system-flag bits plus keywords, the keywords each mailbox has seen, \Recent,
 * subscriptions, special-use attributes, the MIME cache, and a UID validity counter (a
 * mailbox deleted and created again within a second must not get the same UID validity).
 *
 * <p>Messages stored before it keep their files untouched: their MIME facts are left
 * "not cached" ({@code message_file.mime} NULL) and filled on first read, so the upgrade
 * reads no message file and takes seconds for 100,000 messages. Their GUIDs are derived
 * from the file name ({@link LegacyGuid#message}), so rerunning the upgrade after a crash,
 * or reconstructing the index from the files later, gives the same GUIDs. Every existing
 * message gets modseq 1 and every mailbox highest_modseq 1.
 *
 * <p>The DDL is portable but for {@link #CLUSTERED}; the message table is rebuilt (its
 * flags split into bits and keywords, GUIDs added) in Java because SQL has no portable
 * digest and backslashes in {@code LIKE} differ. Deliberately few indexes: each one is
 * written on every delivery. "Changes since a modseq" scans the mailbox's rows (they lie
 * together), and the change feed's poll scans the mailbox table.
 */
final class ReadSide {

    /** The system flags as bits in {@code message.system_flags}, frozen with this migration. */
    private static final List<String> SYSTEM_FLAGS = List.of("\\Seen", "\\Answered", "\\Flagged", "\\Deleted",
            "\\Draft");

    private ReadSide() {
    }

    static Migration migration() {
        return new Migration(3, "read side: modseqs, expunge log, GUIDs, keywords, recent, subscriptions,"
                + " special-use, MIME cache", List.of(
                "ALTER TABLE mailbox ADD COLUMN guid VARCHAR(32) NOT NULL DEFAULT ''",
                "ALTER TABLE mailbox ADD COLUMN highest_modseq BIGINT NOT NULL DEFAULT 1",
                "ALTER TABLE mailbox ADD COLUMN first_recent_uid BIGINT NOT NULL DEFAULT 1",
                "ALTER TABLE mailbox ADD COLUMN expunge_floor BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE mailbox ADD COLUMN special_use VARCHAR(255) NOT NULL DEFAULT ''",
                "CREATE TABLE message_v3 ("
                        + " mailbox_id INTEGER NOT NULL REFERENCES mailbox(id) ON DELETE CASCADE,"
                        + " uid BIGINT NOT NULL, modseq BIGINT NOT NULL, system_flags INTEGER NOT NULL,"
                        + " keywords VARCHAR(2048) NOT NULL, file_id INTEGER NOT NULL REFERENCES message_file(id),"
                        + " internal_date BIGINT NOT NULL, size BIGINT NOT NULL, guid VARCHAR(32) NOT NULL,"
                        + " PRIMARY KEY (mailbox_id, uid)) " + CLUSTERED,
                "ALTER TABLE message_file ADD COLUMN mime TEXT",
                "CREATE TABLE mailbox_keyword ("
                        + " mailbox_id INTEGER NOT NULL REFERENCES mailbox(id) ON DELETE CASCADE,"
                        + " position INTEGER NOT NULL, keyword VARCHAR(255) NOT NULL,"
                        + " PRIMARY KEY (mailbox_id, position), UNIQUE (mailbox_id, keyword))",
                "CREATE TABLE expunged ("
                        + " mailbox_id INTEGER NOT NULL REFERENCES mailbox(id) ON DELETE CASCADE,"
                        + " uid BIGINT NOT NULL, modseq BIGINT NOT NULL, guid VARCHAR(32) NOT NULL,"
                        + " expunged_at BIGINT NOT NULL, PRIMARY KEY (mailbox_id, uid))",
                "CREATE INDEX expunged_modseq ON expunged (mailbox_id, modseq)",
                "CREATE TABLE subscription ("
                        + " user_id INTEGER NOT NULL REFERENCES store_user(id) ON DELETE CASCADE,"
                        + " mailbox VARCHAR(1024) NOT NULL, PRIMARY KEY (user_id, mailbox))",
                "CREATE TABLE store_counter (name VARCHAR(32) PRIMARY KEY, value BIGINT NOT NULL)",
                "INSERT INTO store_counter (name, value) VALUES ('modseq', 1)",
                "INSERT INTO store_counter (name, value) SELECT 'uid_validity', COALESCE(MAX(uid_validity), 0) FROM mailbox"),
                ReadSide::convert);
    }

    /**
     * The message table is stored in primary-key order, so a mailbox's messages lie together
     * and SELECT of a large mailbox is one sequential range read, and no separate key index
     * is written per delivery. The one SQLite-only clause of the schema: on PostgreSQL a
     * plain table with the same primary key (and CLUSTER, if wanted).
     */
    static final String CLUSTERED = "WITHOUT ROWID";

    private record Row(long mailboxId, long uid, String path, String flags, long fileId, long internalDate,
            long size) {
    }

    private static Void convert(Session session) throws SQLException {
        List<Object[]> mailboxes = new ArrayList<>();
        session.forEach("SELECT m.id, d.name, m.uid_validity FROM mailbox m JOIN domain d ON d.id = m.domain_id",
                row -> mailboxes.add(new Object[] {
                    LegacyGuid.mailbox(row.getString(2), row.getLong(1), row.getLong(3)), row.getLong(1)}));
        session.batch("UPDATE mailbox SET guid = ? WHERE id = ?", mailboxes);

        List<Row> rows = new ArrayList<>();
        session.forEach("SELECT x.mailbox_id, x.uid, f.path, x.flags, x.file_id, x.internal_date, x.size FROM message x"
                + " JOIN message_file f ON f.id = x.file_id ORDER BY x.mailbox_id, f.path, x.uid",
                row -> rows.add(new Row(row.getLong(1), row.getLong(2), row.getString(3), row.getString(4),
                        row.getLong(5), row.getLong(6), row.getLong(7))));
        List<Object[]> updates = new ArrayList<>(rows.size());
        Map<Long, TreeSet<String>> keywordsByMailbox = new LinkedHashMap<>();
        Row previous = null;
        int ordinal = 0;
        for (Row row : rows) {
            boolean sameFile = previous != null && previous.mailboxId() == row.mailboxId()
                    && previous.path().equals(row.path());
            ordinal = sameFile ? ordinal + 1 : 0;
            previous = row;
            int bits = 0;
            List<String> keywords = new ArrayList<>();
            for (String flag : row.flags().isEmpty() ? new String[0] : row.flags().split(" ")) {
                int system = SYSTEM_FLAGS.indexOf(flag);
                if (system >= 0) {
                    bits |= 1 << system;
                } else {
                    keywords.add(flag);
                    keywordsByMailbox.computeIfAbsent(row.mailboxId(), id -> new TreeSet<>()).add(flag);
                }
            }
            updates.add(new Object[] {row.mailboxId(), row.uid(), bits, String.join(" ", keywords), row.fileId(),
                row.internalDate(), row.size(), LegacyGuid.message(row.path(), ordinal)});
        }
        session.batch("INSERT INTO message_v3 (mailbox_id, uid, modseq, system_flags, keywords, file_id, internal_date,"
                + " size, guid) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?)", updates);
        List<Object[]> positions = new ArrayList<>();
        keywordsByMailbox.forEach((mailbox, keywords) -> {
            int position = 0;
            for (String keyword : keywords) {
                positions.add(new Object[] {mailbox, position++, keyword});
            }
        });
        session.batch("INSERT INTO mailbox_keyword (mailbox_id, position, keyword) VALUES (?, ?, ?)", positions);

        for (String statement : List.of(
                "DROP TABLE message",
                "ALTER TABLE message_v3 RENAME TO message",
                "CREATE INDEX message_file_ref ON message (file_id)",
                "CREATE UNIQUE INDEX mailbox_guid ON mailbox (guid)",
                "CREATE UNIQUE INDEX message_guid ON message (mailbox_id, guid)",
                // SELECT reads the keywords of only the messages that have any, from this index alone
                "CREATE INDEX message_keywords ON message (mailbox_id, uid, system_flags, keywords)"
                        + " WHERE keywords <> ''")) {
            session.execute(statement);
        }
        return null;
    }
}
