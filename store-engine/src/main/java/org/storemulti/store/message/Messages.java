package org.storemulti.store.message;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.storemulti.store.db.Database;
import org.storemulti.store.db.Session;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.ObjectKind;
import org.storemulti.store.error.StorageException;
import org.storemulti.store.name.Guid;

/**
 * The messages of mailboxes named by domain and full name: listing, status, reading,
 * flags and expunge for admin tools, and {@link #mailbox} / {@link #mailboxByGuid}, the
 * {@link MailboxHandle} an IMAP session or a sync works with.
 */
public final class Messages {

    private final Database database;
    private final MessageFiles files;
    private final MailboxHandle.Services services;

    Messages(MailboxHandle.Services services) {
        this.database = services.database();
        this.files = services.files();
        this.services = services;
    }

    /** The store's message service; for {@code Store}. */
    public static Messages of(Database database, MessageFiles files, Deliverer deliverer, DeliveryBatcher batcher,
            org.storemulti.store.change.ChangeFeed feed, java.time.Clock clock) {
        return new Messages(new MailboxHandle.Services(database, files, deliverer, batcher, feed, clock,
                new SnapshotCache()));
    }

    /** Opens a mailbox by domain and full name ({@code user/joe/INBOX}); {@link NotFoundException} if none. */
    public MailboxHandle mailbox(String domain, String mailbox) {
        return new MailboxHandle(services, database.read(session -> TargetMailbox.byName(session, domain, mailbox))
                .orElseThrow(() -> new NotFoundException(ObjectKind.MAILBOX, domain + " " + mailbox)));
    }

    /** Opens a mailbox by its GUID, wherever it was renamed to; {@link NotFoundException} if none. */
    public MailboxHandle mailboxByGuid(String guid) {
        new Guid(guid);
        return new MailboxHandle(services, database.read(session -> session.first(
                "SELECT id FROM mailbox WHERE guid = ?", row -> row.getLong(1), guid)
                .flatMap(id -> byId(session, id)))
                .orElseThrow(() -> new NotFoundException(ObjectKind.MAILBOX, "GUID " + guid)));
    }

    private static java.util.Optional<TargetMailbox> byId(Session session, long id) {
        try {
            return TargetMailbox.byId(session, id);
        } catch (SQLException e) {
            throw new StorageException("mailbox " + id, e);
        }
    }

    /**
     * The state of {@code root} and every mailbox below it ({@code user/joe} for all of
     * joe's, {@code ""} for the whole domain), by name, in one query: what a fast sync
     * compares (highest modseq and count).
     */
    public List<MailboxState> states(String domain, String root) {
        return database.read(session -> session.list("SELECT d.name, m.name, m.guid, m.uid_validity, m.next_uid,"
                + " m.highest_modseq, (SELECT COUNT(*) FROM message WHERE mailbox_id = m.id), m.first_recent_uid"
                + " FROM mailbox m JOIN domain d ON d.id = m.domain_id"
                + " WHERE d.name = ? AND (m.name = ? OR (m.name >= ? AND m.name < ?)) ORDER BY m.name",
                row -> new MailboxState(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                        row.getLong(5), row.getLong(6), row.getLong(7), row.getLong(8)),
                domain, root, root.isEmpty() ? "" : root + "/", root.isEmpty() ? "\uffff" : root + "0"));
    }

    /** Every message of the mailbox, by UID. */
    public List<MessageInfo> list(String domain, String mailbox) {
        return database.read(session -> {
            FlagsInterner interner = new FlagsInterner();
            return session.list("SELECT uid, size, system_flags, keywords, internal_date FROM message"
                    + " WHERE mailbox_id = ? ORDER BY uid",
                    row -> new MessageInfo(row.getLong(1), row.getLong(2), interner.flags(row.getInt(3), row.getString(4)),
                            Instant.ofEpochMilli(row.getLong(5))), mailboxId(session, domain, mailbox));
        });
    }

    /** Message count, unseen count, next UID, UID validity, total size, \Recent count and highest modseq, in one read. */
    public MailboxStatus status(String domain, String mailbox) {
        return database.read(session -> {
            long id = mailboxId(session, domain, mailbox);
            return session.first("SELECT (SELECT COUNT(*) FROM message WHERE mailbox_id = m.id),"
                    + " (SELECT COUNT(*) FROM message WHERE mailbox_id = m.id AND system_flags % 2 = 0),"
                    + " m.next_uid, m.uid_validity,"
                    + " (SELECT COALESCE(SUM(size), 0) FROM message WHERE mailbox_id = m.id),"
                    + " (SELECT COUNT(*) FROM message WHERE mailbox_id = m.id AND uid >= m.first_recent_uid),"
                    + " m.highest_modseq FROM mailbox m WHERE m.id = ?",
                    row -> new MailboxStatus(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4),
                            row.getLong(5), row.getLong(6), row.getLong(7)), id).orElseThrow();
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
        MailboxHandle handle = mailbox(domain, mailbox);
        current(handle, domain, mailbox, uid);
        handle.store(UidSet.of(uid), FlagChange.replace(flags), -1);
    }

    /** Adds {@code added} and then removes {@code removed} in one step (IMAP {@code STORE +FLAGS/-FLAGS}). */
    public Flags changeFlags(String domain, String mailbox, long uid, Flags added, Flags removed) {
        MailboxHandle handle = mailbox(domain, mailbox);
        Flags wanted = current(handle, domain, mailbox, uid).plus(added).minus(removed);
        handle.store(UidSet.of(uid), FlagChange.replace(wanted), -1);
        return wanted;
    }

    private static Flags current(MailboxHandle handle, String domain, String mailbox, long uid) {
        List<MessageRecord> found = handle.fetch(UidSet.of(uid), false);
        if (found.isEmpty()) {
            throw noMessage(domain, mailbox, uid);
        }
        return found.get(0).flags();
    }

    /** Removes the messages flagged {@code \Deleted}; returns their UIDs. Files go when unreferenced. */
    public List<Long> expunge(String domain, String mailbox) {
        return mailbox(domain, mailbox).expunge(UidSet.ALL).stream().map(Expunged::uid).toList();
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
