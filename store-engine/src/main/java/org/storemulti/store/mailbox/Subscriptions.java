package org.storemulti.store.mailbox;

import java.sql.SQLException;
import java.util.List;
import org.storemulti.store.account.Users;
import org.storemulti.store.db.Database;
import org.storemulti.store.db.Session;
import org.storemulti.store.domain.Domains;
import org.storemulti.store.name.DomainName;
import org.storemulti.store.name.UserName;

/**
 * Which mailboxes a user subscribed to (IMAP SUBSCRIBE, LSUB, LIST-EXTENDED's SUBSCRIBED),
 * by full name within the user's domain. A subscription may name a mailbox that does not
 * exist (RFC 3501 keeps it when the mailbox is deleted); renaming a mailbox tree renames
 * the subscriptions in it.
 */
public final class Subscriptions {

    private final Database database;

    public Subscriptions(Database database) {
        this.database = database;
    }

    /** Subscribes {@code user} to {@code mailbox} (a full name); subscribing twice is fine. */
    public void subscribe(String domain, String user, String mailbox) {
        MailboxName name = new MailboxName(mailbox);
        database.write(session -> {
            long userId = userId(session, domain, user);
            if (session.number("SELECT COUNT(*) FROM subscription WHERE user_id = ? AND mailbox = ?", userId,
                    name.value()) == 0) {
                session.update("INSERT INTO subscription (user_id, mailbox) VALUES (?, ?)", userId, name.value());
            }
            return null;
        });
    }

    /** Ends a subscription; returns whether there was one. */
    public boolean unsubscribe(String domain, String user, String mailbox) {
        MailboxName name = new MailboxName(mailbox);
        return database.write(session -> session.update("DELETE FROM subscription WHERE user_id = ? AND mailbox = ?",
                userId(session, domain, user), name.value()) > 0);
    }

    /** The user's subscriptions, sorted. */
    public List<String> list(String domain, String user) {
        return database.read(session -> session.list("SELECT mailbox FROM subscription WHERE user_id = ? ORDER BY mailbox",
                row -> row.getString(1), userId(session, domain, user)));
    }

    private static long userId(Session session, String domain, String user) throws SQLException {
        DomainName domainName = new DomainName(domain);
        return Users.requireId(session, Domains.requireId(session, domainName), domainName, new UserName(user));
    }

    /** Renames the subscriptions to {@code from} and below it, of every user of the domain. */
    static void rename(Session session, long domainId, String from, String to) throws SQLException {
        session.update("UPDATE subscription SET mailbox = ? || SUBSTR(mailbox, ?)"
                + " WHERE user_id IN (SELECT id FROM store_user WHERE domain_id = ?)"
                + " AND (mailbox = ? OR (mailbox >= ? AND mailbox < ?))",
                to, from.length() + 1, domainId, from, from + "/", from + "0");
    }
}
