package org.storemulti.store.mailbox;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.storemulti.store.account.Users;
import org.storemulti.store.db.Database;
import org.storemulti.store.db.Session;
import org.storemulti.store.error.InvalidNameException;
import org.storemulti.store.name.DomainName;
import org.storemulti.store.name.FolderPath;
import org.storemulti.store.name.LocalPartRule;
import org.storemulti.store.name.UserName;

/**
 * Where mail for the local part of an address goes: the one rule every way into the store
 * shares (LMTP, the queue, {@code storeadm deliver}, later IMAP login). Read in one
 * transaction:
 *
 * <ol>
 * <li>each reading of the local part ({@link LocalPartRule#readings}: whole, then split at
 * a delimiter) is looked up among the domain's users without regard to ASCII case; the
 * first reading that names a user wins;</li>
 * <li>a user spelled exactly as written wins over case variants, which only a store made
 * before case-insensitive names can hold; several variants and none exact is
 * {@link Resolution.Ambiguous}, never a guess;</li>
 * <li>the mailbox is the user's detail folder {@code user/NAME/DETAIL} when it exists and
 * anyone may post to it (the {@code p} right), else {@code user/NAME/INBOX}, which must
 * exist.</li>
 * </ol>
 */
public final class Recipients {

    /** Who the ACL check asks for: a poster with no rights of its own, so only {@code anyone}'s count. */
    private static final String POSTER = "anonymous";

    private final Database database;

    public Recipients(Database database) {
        this.database = database;
    }

    /** What a local part resolves to. */
    public sealed interface Resolution {

        /** Deliver to {@code mailbox} ({@code user/NAME/...}) of {@code domain}; {@code user} as stored. */
        record Found(String domain, String user, String mailbox) implements Resolution {
        }

        /** No such domain, user, or INBOX; {@code why} says which, for a log line. */
        record Unknown(String why) implements Resolution {
        }

        /** Several users differ from the local part only in case, and none matches it exactly. */
        record Ambiguous(List<String> users) implements Resolution {
        }
    }

    /** Resolves {@code localPart} in {@code domain} under {@code rule}. */
    public Resolution resolve(String domain, String localPart, LocalPartRule rule) {
        DomainName domainName;
        try {
            domainName = new DomainName(domain);
        } catch (InvalidNameException e) {
            return new Resolution.Unknown(e.getMessage());
        }
        return database.read(session -> {
            Optional<Long> domainId = session.first("SELECT id FROM domain WHERE name = ?", row -> row.getLong(1),
                    domainName.value());
            if (domainId.isEmpty()) {
                return new Resolution.Unknown("no such domain: " + domainName);
            }
            for (LocalPartRule.Reading reading : rule.readings(localPart)) {
                Optional<Resolution> found = user(session, domainId.get(), domainName, reading);
                if (found.isPresent()) {
                    return found.get();
                }
            }
            return new Resolution.Unknown("no such user: " + localPart + "@" + domainName);
        });
    }

    private static Optional<Resolution> user(Session session, long domainId, DomainName domain,
            LocalPartRule.Reading reading) throws SQLException {
        UserName asWritten;
        try {
            asWritten = new UserName(reading.user());
        } catch (InvalidNameException e) {
            return Optional.empty(); // no user can have this name
        }
        List<Users.Named> matches = Users.sameFolded(session, domainId, asWritten.folded());
        Optional<Users.Named> exact = matches.stream().filter(u -> u.name().equals(asWritten.value())).findFirst();
        if (exact.isEmpty() && matches.size() > 1) {
            return Optional.of(new Resolution.Ambiguous(matches.stream().map(Users.Named::name).toList()));
        }
        Optional<Users.Named> user = exact.or(() -> matches.stream().findFirst());
        if (user.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(mailbox(session, domainId, domain, user.get().name(), reading.detail()));
    }

    private static Resolution mailbox(Session session, long domainId, DomainName domain, String user, String detail)
            throws SQLException {
        Optional<MailboxName> folder = detailFolder(user, detail);
        if (folder.isPresent()) {
            Optional<MailboxRow> row = MailboxTable.find(session, domainId, folder.get());
            if (row.isPresent() && Acls.rightsOf(session, row.get().id(), POSTER).has('p')) {
                return new Resolution.Found(domain.value(), user, folder.get().value());
            }
        }
        MailboxName inbox = MailboxName.personal(user, MailboxName.INBOX);
        if (MailboxTable.find(session, domainId, inbox).isEmpty()) {
            return new Resolution.Unknown("user " + user + "@" + domain + " has no INBOX");
        }
        return new Resolution.Found(domain.value(), user, inbox.value());
    }

    /** {@code user/NAME/DETAIL} when the detail is a folder name other than the INBOX. */
    private static Optional<MailboxName> detailFolder(String user, String detail) {
        if (detail.isEmpty() || detail.equalsIgnoreCase(MailboxName.INBOX)) {
            return Optional.empty();
        }
        try {
            new FolderPath(detail);
            return Optional.of(MailboxName.personal(user, detail));
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
