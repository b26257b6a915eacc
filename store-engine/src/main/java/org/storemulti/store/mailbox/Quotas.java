package org.storemulti.store.mailbox;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.storemulti.store.account.Users;
import org.storemulti.store.db.Database;
import org.storemulti.store.db.Session;
import org.storemulti.store.domain.Domains;
import org.storemulti.store.error.InvalidArgumentException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.ObjectKind;
import org.storemulti.store.name.DomainName;
import org.storemulti.store.name.UserName;

/**
 * Quotas in kilobytes over a mailbox tree: a user's ({@code user/NAME}, all its folders)
 * or a shared mailbox's (it and its sub-folders). Usage is the sum of the tree's
 * {@code used_bytes}; delivery checks every quota root above a mailbox and the domain's.
 */
public final class Quotas {

    private final Database database;

    public Quotas(Database database) {
        this.database = database;
    }

    public void setUser(String domain, String user, long kilobytes) {
        set(domain, userRoot(user), kilobytes);
    }

    public void deleteUser(String domain, String user) {
        delete(domain, userRoot(user));
    }

    public QuotaUsage getUser(String domain, String user) {
        return get(domain, userRoot(user));
    }

    public void setShared(String domain, String mailbox, long kilobytes) {
        set(domain, MailboxName.shared(mailbox).value(), kilobytes);
    }

    public void deleteShared(String domain, String mailbox) {
        delete(domain, MailboxName.shared(mailbox).value());
    }

    public QuotaUsage getShared(String domain, String mailbox) {
        return get(domain, MailboxName.shared(mailbox).value());
    }

    /**
     * Every quota root {@code mailbox} counts against, each with its limit and usage, the
     * outermost first: the domain's quota (root {@code ""}) when set, then the quota roots
     * above and at the mailbox ({@code user/NAME}, a shared mailbox and its parents) that
     * have a limit. IMAP's GETQUOTAROOT answers with these.
     */
    public List<QuotaUsage> rootsOf(String domain, String mailbox) {
        DomainName domainName = new DomainName(domain);
        String name = new MailboxName(mailbox).value();
        return database.read(session -> {
            long domainId = Domains.requireId(session, domainName);
            List<QuotaUsage> roots = new ArrayList<>();
            Optional<Long> domainLimit = session.first("SELECT quota_kb FROM domain WHERE id = ? AND quota_kb IS NOT NULL",
                    row -> row.getLong(1), domainId);
            if (domainLimit.isPresent()) {
                roots.add(new QuotaUsage("", OptionalLong.of(domainLimit.get()), session.number(
                        "SELECT COALESCE(SUM(used_bytes), 0) FROM mailbox WHERE domain_id = ?", domainId)));
            }
            for (String root : session.list("SELECT root FROM quota WHERE domain_id = ?"
                    + " AND (root = ? OR (? >= root || '/' AND ? < root || '0')) ORDER BY LENGTH(root)",
                    row -> row.getString(1), domainId, name, name, name)) {
                roots.add(usage(session, domainId, root));
            }
            return roots;
        });
    }

    /**
     * The quota root {@code root} ({@code ""} for the domain's quota, {@code user/NAME}, or a
     * shared mailbox's full name) with its limit, if any, and usage.
     */
    public QuotaUsage usage(String domain, String root) {
        if (root.isEmpty()) {
            DomainName domainName = new DomainName(domain);
            return database.read(session -> {
                long domainId = Domains.requireId(session, domainName);
                Optional<Long> limit = session.first("SELECT quota_kb FROM domain WHERE id = ? AND quota_kb IS NOT NULL",
                        row -> row.getLong(1), domainId);
                return new QuotaUsage("", limit.map(OptionalLong::of).orElse(OptionalLong.empty()),
                        session.number("SELECT COALESCE(SUM(used_bytes), 0) FROM mailbox WHERE domain_id = ?", domainId));
            });
        }
        return get(domain, root);
    }

    /** Sets the limit of {@code root} ({@code user/NAME} or a shared mailbox's full name), in kilobytes. */
    public void setRoot(String domain, String root, long kilobytes) {
        set(domain, root, kilobytes);
    }

    /** Removes the limit of {@code root}; {@link NotFoundException} when it has none. */
    public void deleteRoot(String domain, String root) {
        delete(domain, root);
    }

    private static QuotaUsage usage(Session session, long domainId, String root) throws SQLException {
        Optional<Long> limit = session.first("SELECT limit_kb FROM quota WHERE domain_id = ? AND root = ?",
                row -> row.getLong(1), domainId, root);
        return new QuotaUsage(root, limit.map(OptionalLong::of).orElse(OptionalLong.empty()),
                treeUsage(session, domainId, root));
    }

    private void set(String domain, String root, long kilobytes) {
        if (kilobytes < 0) {
            throw new InvalidArgumentException("quota", Long.toString(kilobytes), "must not be negative");
        }
        DomainName domainName = new DomainName(domain);
        database.write(session -> {
            long domainId = requireRoot(session, domainName, root);
            session.update("DELETE FROM quota WHERE domain_id = ? AND root = ?", domainId, root);
            session.update("INSERT INTO quota (domain_id, root, limit_kb) VALUES (?, ?, ?)", domainId, root, kilobytes);
            return null;
        });
    }

    private void delete(String domain, String root) {
        DomainName domainName = new DomainName(domain);
        database.write(session -> {
            long domainId = requireRoot(session, domainName, root);
            if (session.update("DELETE FROM quota WHERE domain_id = ? AND root = ?", domainId, root) == 0) {
                throw new NotFoundException(ObjectKind.QUOTA, domainName + " " + root);
            }
            return null;
        });
    }

    private QuotaUsage get(String domain, String root) {
        DomainName domainName = new DomainName(domain);
        return database.read(session -> usage(session, requireRoot(session, domainName, root), root));
    }

    /** Bytes stored in {@code root} and every mailbox below it. */
    public static long treeUsage(Session session, long domainId, String root) throws SQLException {
        return session.number("SELECT COALESCE(SUM(used_bytes), 0) FROM mailbox WHERE domain_id = ?"
                + " AND (name = ? OR (name >= ? AND name < ?))", domainId, root, root + "/", root + "0");
    }

    private static long requireRoot(Session session, DomainName domain, String root) throws SQLException {
        long domainId = Domains.requireId(session, domain);
        if (root.startsWith(MailboxName.USER)) {
            Users.requireId(session, domainId, domain, new UserName(root.substring(MailboxName.USER.length())));
        } else {
            MailboxTable.require(session, domainId, domain.value(), new MailboxName(root));
        }
        return domainId;
    }

    private static String userRoot(String user) {
        return MailboxName.USER + new UserName(user);
    }
}
