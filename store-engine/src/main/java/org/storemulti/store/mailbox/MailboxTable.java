package org.storemulti.store.mailbox;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.storemulti.store.change.MailboxChange;
import org.storemulti.store.db.Session;
import org.storemulti.store.error.AlreadyExistsException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.ObjectKind;
import org.storemulti.store.message.MessageGarbage;
import org.storemulti.store.name.Guid;

/** Row-level operations on the {@code mailbox} table, inside the caller's transaction. */
final class MailboxTable {

    private MailboxTable() {
    }

    /** The mailbox, if it exists. */
    public static Optional<MailboxRow> find(Session session, long domainId, MailboxName name) throws SQLException {
        return session.first("SELECT id, COALESCE(owner_id, 0) FROM mailbox WHERE domain_id = ? AND name = ?",
                row -> new MailboxRow(row.getLong(1), domainId, name, row.getLong(2)), domainId, name.value());
    }

    /** The mailbox, or {@link NotFoundException} naming it with its domain. */
    public static MailboxRow require(Session session, long domainId, String domain, MailboxName name)
            throws SQLException {
        return find(session, domainId, name)
                .orElseThrow(() -> new NotFoundException(ObjectKind.MAILBOX, domain + " " + name));
    }

    /** Creates a mailbox with a new GUID; its owner, if any, gets all rights. Returns the change to publish. */
    static MailboxChange insert(Session session, long domainId, String domain, MailboxName name, long ownerId,
            String ownerName, Clock clock) throws SQLException {
        refuseInboxVariant(domain, name.value());
        if (find(session, domainId, name).isPresent()) {
            throw new AlreadyExistsException(ObjectKind.MAILBOX, domain + " " + name);
        }
        long id = session.nextId("mailbox");
        String guid = Guid.random();
        session.update("INSERT INTO mailbox (id, domain_id, name, owner_id, uid_validity, next_uid, used_bytes, guid)"
                + " VALUES (?, ?, ?, ?, ?, 1, 0, ?)", id, domainId, name.value(), ownerId == 0 ? null : ownerId,
                nextUidValidity(session, clock), guid);
        if (ownerName != null) {
            session.update("INSERT INTO mailbox_acl (mailbox_id, identifier, rights) VALUES (?, ?, ?)",
                    id, ownerName, Rights.ALL.letters());
        }
        return new MailboxChange(MailboxChange.Kind.CREATED, domain, name.value(), guid, 1, 1);
    }

    /**
     * The time in seconds, or more: every mailbox created gets a UID validity no mailbox had
     * before (RFC 3501: a mailbox deleted and created again must not reuse it), even within
     * one second or after the clock went back.
     */
    private static long nextUidValidity(Session session, Clock clock) throws SQLException {
        long value = Math.max(clock.instant().getEpochSecond(),
                session.number("SELECT value FROM store_counter WHERE name = 'uid_validity'") + 1);
        session.update("UPDATE store_counter SET value = ? WHERE name = 'uid_validity'", value);
        return value;
    }

    /** The mailboxes {@code where} selects, as changes of {@code kind} to publish after the commit. */
    static List<MailboxChange> describe(Session session, MailboxChange.Kind kind, String where, Object... parameters)
            throws SQLException {
        return session.list("SELECT d.name, m.name, m.guid, m.highest_modseq, m.next_uid FROM mailbox m"
                + " JOIN domain d ON d.id = m.domain_id WHERE m.id IN (SELECT id FROM mailbox WHERE " + where + ")",
                row -> new MailboxChange(kind, row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                        row.getLong(5)), parameters);
    }

    /**
     * Refuses a personal folder whose first segment spells INBOX in another case: RFC 3501
     * makes INBOX case-insensitive, so {@code inbox} would be a second name for the INBOX.
     * Checked where mailboxes are created or renamed only, so one made before this rule can
     * still be renamed or deleted by its name.
     */
    private static void refuseInboxVariant(String domain, String name) {
        if (!name.startsWith(MailboxName.USER)) {
            return;
        }
        String rest = name.substring(name.indexOf('/', MailboxName.USER.length()) + 1);
        String first = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        if (first.equalsIgnoreCase(MailboxName.INBOX) && !first.equals(MailboxName.INBOX)) {
            throw new AlreadyExistsException(ObjectKind.MAILBOX, domain + " " + name
                    + " (INBOX ignores case, RFC 3501: write INBOX)");
        }
    }

    /** Deletes the mailboxes {@code where} selects and their messages; returns files to delete. */
    static List<String> delete(Session session, String where, Object... parameters) throws SQLException {
        List<String> files = MessageGarbage.dropMessages(session,
                "mailbox_id IN (SELECT id FROM mailbox WHERE " + where + ")", parameters);
        session.update("DELETE FROM mailbox WHERE " + where, parameters);
        return files;
    }

    /**
     * Renames {@code from} and every mailbox below it to live below {@code to}; refuses if
     * any target name is taken. Quota roots move along.
     */
    static void renameTree(Session session, long domainId, String domain, String from, String to)
            throws SQLException {
        refuseInboxVariant(domain, to);
        if (session.number("SELECT COUNT(*) FROM mailbox WHERE domain_id = ? AND (name = ? OR (name >= ? AND name < ?))",
                domainId, to, to + "/", to + "0") > 0) {
            throw new AlreadyExistsException(ObjectKind.MAILBOX, domain + " " + to);
        }
        String inTree = "domain_id = ? AND (%s = ? OR (%s >= ? AND %s < ?))";
        session.update("UPDATE mailbox SET name = ? || SUBSTR(name, ?) WHERE " + inTree.replace("%s", "name"),
                to, from.length() + 1, domainId, from, from + "/", from + "0");
        session.update("UPDATE quota SET root = ? || SUBSTR(root, ?) WHERE " + inTree.replace("%s", "root"),
                to, from.length() + 1, domainId, from, from + "/", from + "0");
        Subscriptions.rename(session, domainId, from, to);
    }
}
