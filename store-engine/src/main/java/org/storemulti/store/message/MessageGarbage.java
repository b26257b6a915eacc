package org.storemulti.store.message;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.storemulti.store.db.Session;

/**
 * Drops message rows and the blob rows nobody references any more, inside the caller's
 * write transaction. The caller deletes the returned files after the commit, so a crash in
 * between leaves orphan files (reported by verify), never index rows without files.
 */
public final class MessageGarbage {

    private MessageGarbage() {
    }

    /**
     * Deletes the messages matching {@code where} (a condition on table {@code message})
     * and returns the relative paths of files no message references any more.
     */
    public static List<String> dropMessages(Session session, String where, Object... parameters)
            throws SQLException {
        List<Long> blobIds = session.list("SELECT DISTINCT file_id FROM message WHERE " + where,
                row -> row.getLong(1), parameters);
        session.update("DELETE FROM message WHERE " + where, parameters);
        return dropFiles(session, blobIds);
    }

    /** Deletes the blob rows among {@code blobIds} that no message references; returns their paths. */
    static List<String> dropFiles(Session session, Collection<Long> blobIds) throws SQLException {
        List<String> paths = new ArrayList<>();
        for (long blobId : blobIds) {
            if (session.number("SELECT COUNT(*) FROM message WHERE file_id = ?", blobId) == 0) {
                session.first("SELECT path FROM message_file WHERE id = ?", row -> row.getString(1), blobId)
                        .ifPresent(paths::add);
                session.update("DELETE FROM message_file WHERE id = ?", blobId);
            }
        }
        return paths;
    }
}
