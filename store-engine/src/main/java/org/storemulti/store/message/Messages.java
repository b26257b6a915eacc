package org.storemulti.store.message;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.storemulti.store.db.Database;
import org.storemulti.store.db.Session;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.ObjectKind;
import org.storemulti.store.error.StorageException;

/** The read side of a mailbox: list, status, fetch, flags, expunge. */
public final class Messages {

    private final Database database;
    private final MessageFiles files;

    public Messages(Database database, MessageFiles files) {
        this.database = database;
        this.files = files;
    }

    /** Every message of the mailbox, by UID. */
    public List<MessageInfo> list(String domain, String mailbox) {
        return database.read(session -> session.list(
                "SELECT uid, size, flags, internal_date FROM message WHERE mailbox_id = ? ORDER BY uid",
                row -> new MessageInfo(row.getLong(1), row.getLong(2), Flags.fromColumn(row.getString(3)),
                        Instant.ofEpochMilli(row.getLong(4))), mailboxId(session, domain, mailbox)));
    }

    /** Message count, unseen count, next UID, UID validity and total size. */
    public MailboxStatus status(String domain, String mailbox) {
        return database.read(session -> {
            long id = mailboxId(session, domain, mailbox);
            return session.first("SELECT (SELECT COUNT(*) FROM message WHERE mailbox_id = m.id),"
                    + " (SELECT COUNT(*) FROM message WHERE mailbox_id = m.id AND seen = 0),"
                    + " m.next_uid, m.uid_validity,"
                    + " (SELECT COALESCE(SUM(size), 0) FROM message WHERE mailbox_id = m.id)"
                    + " FROM mailbox m WHERE m.id = ?",
                    row -> new MailboxStatus(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4),
                            row.getLong(5)), id).orElseThrow();
        });
    }

    /** The message bytes as delivered. */
    public byte[] read(String domain, String mailbox, long uid) {
        String path = pathOf(domain, mailbox, uid);
        try {
            return files.readBody(path);
        } catch (IOException e) {
            throw new StorageException(files.resolve(path).toString(), e);
        }
    }

    /** The message bytes as a stream (caller closes it), for messages too big to hold in memory. */
    public InputStream open(String domain, String mailbox, long uid) {
        String path = pathOf(domain, mailbox, uid);
        try {
            return files.openBody(path);
        } catch (IOException e) {
            throw new StorageException(files.resolve(path).toString(), e);
        }
    }

    /** Replaces the flags of one message. */
    public void setFlags(String domain, String mailbox, long uid, Flags flags) {
        database.write(session -> {
            if (session.update("UPDATE message SET flags = ?, seen = ?, deleted = ? WHERE mailbox_id = ? AND uid = ?",
                    flags.column(), flags.has(Flags.SEEN) ? 1 : 0, flags.has(Flags.DELETED) ? 1 : 0,
                    mailboxId(session, domain, mailbox), uid) == 0) {
                throw noMessage(domain, mailbox, uid);
            }
            return null;
        });
    }

    /** Adds {@code added} and then removes {@code removed} in one step (IMAP {@code STORE +FLAGS/-FLAGS}). */
    public Flags changeFlags(String domain, String mailbox, long uid, Flags added, Flags removed) {
        return database.write(session -> {
            long id = mailboxId(session, domain, mailbox);
            Flags current = session.first("SELECT flags FROM message WHERE mailbox_id = ? AND uid = ?",
                    row -> Flags.fromColumn(row.getString(1)), id, uid)
                    .orElseThrow(() -> noMessage(domain, mailbox, uid));
            Set<String> next = new TreeSet<>(current.values());
            next.addAll(added.values());
            next.removeAll(removed.values());
            Flags result = Flags.of(next);
            session.update("UPDATE message SET flags = ?, seen = ?, deleted = ? WHERE mailbox_id = ? AND uid = ?",
                    result.column(), result.has(Flags.SEEN) ? 1 : 0, result.has(Flags.DELETED) ? 1 : 0, id, uid);
            return result;
        });
    }

    /** Removes the messages flagged {@code \Deleted}; returns their UIDs. Files go when unreferenced. */
    public List<Long> expunge(String domain, String mailbox) {
        Expunged outcome = database.write(session -> {
            long id = mailboxId(session, domain, mailbox);
            List<Long> uids = session.list("SELECT uid FROM message WHERE mailbox_id = ? AND deleted = 1 ORDER BY uid",
                    row -> row.getLong(1), id);
            long freed = session.number("SELECT COALESCE(SUM(size), 0) FROM message WHERE mailbox_id = ? AND deleted = 1", id);
            List<String> paths = MessageGarbage.dropMessages(session, "mailbox_id = ? AND deleted = 1", id);
            session.update("UPDATE mailbox SET used_bytes = used_bytes - ? WHERE id = ?", freed, id);
            return new Expunged(uids, paths);
        });
        database.afterCommit(() -> files.deleteQuietly(outcome.paths()));
        return outcome.uids();
    }

    private record Expunged(List<Long> uids, List<String> paths) {
    }

    private String pathOf(String domain, String mailbox, long uid) {
        return database.read(session -> session.first("SELECT b.path FROM message m JOIN message_file b"
                + " ON b.id = m.file_id WHERE m.mailbox_id = ? AND m.uid = ?",
                row -> row.getString(1), mailboxId(session, domain, mailbox), uid)
                .orElseThrow(() -> noMessage(domain, mailbox, uid)));
    }

    static long mailboxId(Session session, String domain, String mailbox) throws SQLException {
        return session.first("SELECT m.id FROM mailbox m JOIN domain d ON d.id = m.domain_id"
                + " WHERE d.name = ? AND m.name = ?", row -> row.getLong(1), domain, mailbox)
                .orElseThrow(() -> new NotFoundException(ObjectKind.MAILBOX, domain + " " + mailbox));
    }

    private static NotFoundException noMessage(String domain, String mailbox, long uid) {
        return new NotFoundException(ObjectKind.MESSAGE, domain + " " + mailbox + " uid " + uid);
    }
}
