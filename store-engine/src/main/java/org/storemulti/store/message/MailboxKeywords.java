package org.storemulti.store.message;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.storemulti.store.db.Session;

/**
 * The keywords each mailbox has seen, in the order they first appeared: IMAP's
 * PERMANENTFLAGS and FLAGS list them. Once used, a keyword stays listed.
 */
final class MailboxKeywords {

    private MailboxKeywords() {
    }

    static List<String> list(Session session, long mailboxId) throws SQLException {
        return session.list("SELECT keyword FROM mailbox_keyword WHERE mailbox_id = ? ORDER BY position",
                row -> row.getString(1), mailboxId);
    }

    /** Adds the keywords of {@code flags} that the mailbox has not seen yet. */
    static void register(Session session, long mailboxId, Flags flags) throws SQLException {
        Set<String> keywords = flags.keywords();
        if (keywords.isEmpty()) {
            return;
        }
        Set<String> known = new HashSet<>(list(session, mailboxId));
        long position = session.number("SELECT COALESCE(MAX(position) + 1, 0) FROM mailbox_keyword WHERE mailbox_id = ?",
                mailboxId);
        for (String keyword : new java.util.TreeSet<>(keywords)) {
            if (!known.contains(keyword)) {
                session.update("INSERT INTO mailbox_keyword (mailbox_id, position, keyword) VALUES (?, ?, ?)",
                        mailboxId, position++, keyword);
            }
        }
    }
}
