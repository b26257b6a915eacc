package org.storemulti.store.message;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.storemulti.store.db.Session;

/**
 * Removes messages inside one write transaction: one new modseq for all of them, each
 * recorded in the expunge log, the usage lowered; files nobody references any more are
 * returned for deletion after the commit.
 */
final class Expunger {

    /** What went: the messages, the bytes freed and the files to delete after the commit. */
    record Outcome(List<Expunged> expunged, long freedBytes, List<String> unreferencedFiles, long modseq) {
    }

    private record Row(long uid, String guid, long size, long fileId) {
    }

    private Expunger() {
    }

    /**
     * Expunges the messages of {@code uids} ({@code onlyDeleted}: those flagged \Deleted).
     * With {@code keepFiles} (a move, whose copies reference them) no file is released.
     */
    static Outcome expunge(Session session, TargetMailbox mailbox, UidSet uids, boolean onlyDeleted,
            boolean keepFiles, ModseqCounter modseqs, long nowMillis) throws SQLException {
        List<Row> rows = new ArrayList<>();
        UidRows.forEach(session, "SELECT x.uid, x.guid, x.size, x.file_id, x.system_flags FROM message x",
                mailbox.id(), uids, row -> {
                    if (!onlyDeleted || (row.getInt(5) & Flags.DELETED_BIT) != 0) {
                        rows.add(new Row(row.getLong(1), row.getString(2), row.getLong(3), row.getLong(4)));
                    }
                });
        if (rows.isEmpty()) {
            return new Outcome(List.of(), 0, List.of(), 0);
        }
        long modseq = modseqs.next();
        List<Object[]> keys = new ArrayList<>(rows.size());
        List<Expunged> expunged = new ArrayList<>(rows.size());
        Set<Long> fileIds = new LinkedHashSet<>();
        long freed = 0;
        for (Row row : rows) {
            keys.add(new Object[] {mailbox.id(), row.uid()});
            expunged.add(new Expunged(row.uid(), row.guid(), modseq));
            fileIds.add(row.fileId());
            freed += row.size();
        }
        session.batch("DELETE FROM message WHERE mailbox_id = ? AND uid = ?", keys);
        List<String> files = keepFiles ? List.of() : MessageGarbage.dropFiles(session, fileIds);
        session.update("UPDATE mailbox SET used_bytes = used_bytes - ?, highest_modseq = ? WHERE id = ?",
                freed, modseq, mailbox.id());
        ExpungeLog.record(session, mailbox.id(), expunged, nowMillis);
        return new Outcome(expunged, freed, files, modseq);
    }
}
