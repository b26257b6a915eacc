package org.storemulti.store.message;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.storemulti.store.db.Session;
import org.storemulti.store.message.DeliveryResult.OverQuota;

/**
 * Whether {@code bytes} more fit into a mailbox: the domain's quota and every quota root
 * above it ({@code user/NAME} or a shared tree). A move from {@code movedFrom} (a mailbox of
 * the same domain, or null) is charged only where it leaves a root.
 */
final class QuotaCheck {

    private QuotaCheck() {
    }

    static Optional<OverQuota> check(Session session, TargetMailbox target, long bytes, TargetMailbox movedFrom)
            throws SQLException {
        boolean sameDomain = movedFrom != null && movedFrom.domainId() == target.domainId();
        if (target.domainQuotaKb() != null && !sameDomain) {
            long used = session.number("SELECT COALESCE(SUM(used_bytes), 0) FROM mailbox WHERE domain_id = ?",
                    target.domainId());
            if (used + bytes > target.domainQuotaKb() * 1024) {
                return Optional.of(new OverQuota(target.domain(), "", target.domainQuotaKb()));
            }
        }
        String name = target.name();
        List<OverQuota> roots = session.list("SELECT root, limit_kb FROM quota WHERE domain_id = ?"
                + " AND (root = ? OR (? >= root || '/' AND ? < root || '0'))",
                row -> new OverQuota(target.domain(), row.getString(1), row.getLong(2)),
                target.domainId(), name, name, name);
        for (OverQuota root : roots) {
            if (sameDomain && inTree(movedFrom.name(), root.root())) {
                continue;
            }
            long used = session.number("SELECT COALESCE(SUM(used_bytes), 0) FROM mailbox WHERE domain_id = ?"
                    + " AND (name = ? OR (name >= ? AND name < ?))",
                    target.domainId(), root.root(), root.root() + "/", root.root() + "0");
            if (used + bytes > root.limitKb() * 1024) {
                return Optional.of(root);
            }
        }
        return Optional.empty();
    }

    private static boolean inTree(String mailbox, String root) {
        return mailbox.equals(root) || mailbox.startsWith(root + "/");
    }
}
