package org.storemulti.store.message;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.storemulti.store.db.Session;
import org.storemulti.store.message.Deliverer.Pending;
import org.storemulti.store.message.DeliveryResult.OverQuota;
import org.storemulti.store.message.DeliveryResult.Stored;
import org.storemulti.store.message.DeliveryResult.TemporaryFailure;
import org.storemulti.store.message.DeliveryResult.UnknownMailbox;

/**
 * The index side of one group commit, inside one write transaction: per delivery, find
 * the mailbox, check every quota above it, reference the file (one blob row per file),
 * assign the next UID and charge the usage.
 */
final class IndexTransaction {

    private final Session session;
    private final Map<String, Long> blobIds = new HashMap<>();
    private long nextBlobId;

    IndexTransaction(Session session) {
        this.session = session;
    }

    List<DeliveryResult> index(List<Pending> pending) throws SQLException {
        nextBlobId = session.nextId("message_file");
        List<DeliveryResult> results = new ArrayList<>();
        for (Pending each : pending) {
            results.add(each.file() == null ? new TemporaryFailure(each.failure()) : indexOne(each));
        }
        return results;
    }

    private record Target(long id, long domainId, long nextUid, long uidValidity, Long domainQuotaKb) {
    }

    private DeliveryResult indexOne(Pending pending) throws SQLException {
        Delivery delivery = pending.delivery();
        Optional<Target> found = session.first("SELECT m.id, m.domain_id, m.next_uid, m.uid_validity, d.quota_kb"
                + " FROM mailbox m JOIN domain d ON d.id = m.domain_id WHERE d.name = ? AND m.name = ?",
                row -> new Target(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4),
                        row.getObject(5) == null ? null : row.getLong(5)),
                delivery.domain(), delivery.mailbox());
        if (found.isEmpty()) {
            return new UnknownMailbox(delivery.domain(), delivery.mailbox());
        }
        Target target = found.get();
        long size = pending.file().bodySize();
        Optional<OverQuota> over = quotaCheck(delivery, target, size);
        if (over.isPresent()) {
            return over.get();
        }
        long blobId = blobId(pending.file());
        session.update("INSERT INTO message (mailbox_id, uid, file_id, internal_date, size, seen, deleted, flags)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", target.id(), target.nextUid(), blobId,
                pending.internalDate().toEpochMilli(), size, delivery.flags().has(Flags.SEEN) ? 1 : 0,
                delivery.flags().has(Flags.DELETED) ? 1 : 0, delivery.flags().column());
        session.update("UPDATE mailbox SET next_uid = next_uid + 1, used_bytes = used_bytes + ? WHERE id = ?",
                size, target.id());
        return new Stored(target.nextUid(), target.uidValidity());
    }

    private Optional<OverQuota> quotaCheck(Delivery delivery, Target target, long size) throws SQLException {
        if (target.domainQuotaKb() != null) {
            long used = session.number("SELECT COALESCE(SUM(used_bytes), 0) FROM mailbox WHERE domain_id = ?",
                    target.domainId());
            if (used + size > target.domainQuotaKb() * 1024) {
                return Optional.of(new OverQuota(delivery.domain(), "", target.domainQuotaKb()));
            }
        }
        String name = delivery.mailbox();
        List<OverQuota> roots = session.list("SELECT root, limit_kb FROM quota WHERE domain_id = ?"
                + " AND (root = ? OR (? >= root || '/' AND ? < root || '0'))",
                row -> new OverQuota(delivery.domain(), row.getString(1), row.getLong(2)),
                target.domainId(), name, name, name);
        for (OverQuota root : roots) {
            long used = session.number("SELECT COALESCE(SUM(used_bytes), 0) FROM mailbox WHERE domain_id = ?"
                    + " AND (name = ? OR (name >= ? AND name < ?))",
                    target.domainId(), root.root(), root.root() + "/", root.root() + "0");
            if (used + size > root.limitKb() * 1024) {
                return Optional.of(root);
            }
        }
        return Optional.empty();
    }

    private long blobId(StagedFile file) throws SQLException {
        Long known = blobIds.get(file.path());
        if (known != null) {
            return known;
        }
        long id = nextBlobId++;
        session.update("INSERT INTO message_file (id, path, size, file_size) VALUES (?, ?, ?, ?)",
                id, file.path(), file.bodySize(), file.fileSize());
        blobIds.put(file.path(), id);
        return id;
    }
}
