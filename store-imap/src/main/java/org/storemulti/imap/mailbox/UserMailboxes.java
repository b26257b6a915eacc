package org.storemulti.imap.mailbox;

import java.util.Optional;

import org.storemulti.imap.command.MailboxName;
import org.storemulti.store.Store;
import org.storemulti.store.error.InvalidNameException;
import org.storemulti.store.mailbox.Recipients;
import org.storemulti.store.name.LocalPartRule;
import org.storemulti.store.name.UserName;

/**
 * The mailbox names of one logged-in user: IMAP name to store mailbox ({@link #resolve}) and
 * back ({@link #imapName}). The rules, one place for every handler:
 *
 * <ul>
 * <li>{@code INBOX} in any case is the user's {@code user/ME/INBOX}; so is the first level of
 * {@code inbox/X} (the store refuses other spellings of INBOX as folder names, so nothing is
 * hidden by this) and of {@code user/bob/inbox}.</li>
 * <li>A name starting {@code user/} is another user's ({@code user/bob/INBOX},
 * {@code user/bob/Sent}); the user's own {@code user/ME/X} is the personal {@code X}. One
 * starting {@code shared/} is the domain's shared mailbox of that name. Anything else is
 * personal: {@code Sent} is {@code user/ME/Sent}.</li>
 * <li>Refused, before the store is asked: an empty name or level ({@code a//b}), a leading or
 * trailing {@code /} (CREATE removes one trailing {@code /} itself, RFC 3501 6.3.3), {@code .}
 * and {@code ..} levels, the wildcards {@code *} and {@code %}, {@code \}, and {@code user},
 * {@code user/NAME} and {@code shared} alone (namespaces and users, not mailboxes). Control
 * characters and invalid modified UTF-7 never get here: the parser refuses them.</li>
 * </ul>
 *
 * <p>Store mailboxes the personal namespace cannot show ({@code user/ME/user/...} made by
 * storeadm: {@code user/...} means another user's) have no IMAP name.
 */
public final class UserMailboxes {

    /** The INBOX's name, in IMAP and in the store. */
    public static final String INBOX = "INBOX";
    private static final int LONGEST = 1000;

    private final String loginId;
    private final String domain;
    private final String user;

    /** The mailboxes of {@code user} (as the store spells it) in {@code domain}. */
    public UserMailboxes(String domain, String user) {
        this(user + "@" + domain, domain, user);
    }

    private UserMailboxes(String loginId, String domain, String user) {
        this.loginId = loginId;
        this.domain = domain;
        this.user = new UserName(user).value();
    }

    /**
     * The mailboxes of the login {@code userId} ({@code user@domain}, as authentication gives
     * it), with the user name spelled as the store has it (user names ignore ASCII case; the
     * store's mailbox and ACL names use the stored spelling).
     */
    public static UserMailboxes of(Store store, String userId) {
        int at = userId.lastIndexOf('@');
        String domain = userId.substring(at + 1);
        String local = userId.substring(0, at);
        Recipients.Resolution found = store.recipients().resolve(domain, local, LocalPartRule.NO_DETAILS);
        return new UserMailboxes(userId, domain,
                found instanceof Recipients.Resolution.Found user ? user.user() : local);
    }

    /** The user id the session logged in as ({@code user@domain}, spelled as authentication gave it). */
    public String loginId() {
        return loginId;
    }

    public String domain() {
        return domain;
    }

    /** The user name as the store spells it (the ACL identifier). */
    public String user() {
        return user;
    }

    /** The user's INBOX. */
    public StoreMailbox inbox() {
        return resolve(MailboxName.INBOX);
    }

    /**
     * The store mailbox {@code name} means for this user.
     *
     * @throws InvalidMailboxNameException the name cannot name a mailbox (the client gets NO)
     */
    public StoreMailbox resolve(MailboxName name) {
        String text = name.name();
        checkShape(text);
        String others = Namespace.OTHER_USERS.prefix();
        if (text.equals(others.substring(0, others.length() - 1))) {
            throw new InvalidMailboxNameException(text, "it is the other users' namespace; their mailboxes are "
                    + others + "NAME/INBOX and " + others + "NAME/FOLDER");
        }
        if (text.startsWith(others)) {
            return otherUser(text, text.substring(others.length()));
        }
        String shared = Namespace.SHARED.prefix();
        if (text.equals(shared.substring(0, shared.length() - 1))) {
            throw new InvalidMailboxNameException(text, "it is the shared namespace; shared mailboxes are "
                    + shared + "NAME");
        }
        if (text.startsWith(shared)) {
            return checked(new StoreMailbox(Namespace.SHARED, domain, text, name));
        }
        return personal(text);
    }

    /** The IMAP name of a store mailbox of this user's domain, or empty when the user's namespaces cannot show it. */
    public Optional<MailboxName> imapName(String storeName) {
        String own = Namespace.OTHER_USERS.prefix() + user + Namespace.SEPARATOR;
        if (storeName.startsWith(own)) {
            String folder = storeName.substring(own.length());
            String first = firstLevel(folder);
            if (isNamespaceRoot(first)) {
                return Optional.empty();
            }
            return Optional.of(new MailboxName(folder));
        }
        if (storeName.startsWith(Namespace.OTHER_USERS.prefix()) || storeName.startsWith(Namespace.SHARED.prefix())) {
            return Optional.of(new MailboxName(storeName));
        }
        return Optional.empty();
    }

    private StoreMailbox personal(String folder) {
        String canonical = canonicalInbox(folder);
        return checked(new StoreMailbox(Namespace.PERSONAL, domain,
                Namespace.OTHER_USERS.prefix() + user + Namespace.SEPARATOR + canonical, new MailboxName(canonical)));
    }

    /** {@code user/OWNER/FOLDER}, given as {@code OWNER/FOLDER}. */
    private StoreMailbox otherUser(String text, String rest) {
        int slash = rest.indexOf(Namespace.SEPARATOR);
        if (slash < 0) {
            throw new InvalidMailboxNameException(text, "it names a user, not a mailbox; that user's mailboxes are "
                    + text + "/INBOX and " + text + "/FOLDER");
        }
        String owner = rest.substring(0, slash);
        try {
            new UserName(owner);
        } catch (InvalidNameException e) {
            throw new InvalidMailboxNameException(text, "\"" + owner + "\" is not a user name");
        }
        String folder = canonicalInbox(rest.substring(slash + 1));
        if (UserName.folded(owner).equals(UserName.folded(user))) {
            return personal(folder);
        }
        String full = Namespace.OTHER_USERS.prefix() + owner + Namespace.SEPARATOR + folder;
        return checked(new StoreMailbox(Namespace.OTHER_USERS, domain, full, new MailboxName(full)));
    }

    /** The store's own rules as the last word (user and folder names); our checks come first for clearer messages. */
    private static StoreMailbox checked(StoreMailbox mailbox) {
        try {
            new org.storemulti.store.mailbox.MailboxName(mailbox.name());
        } catch (InvalidNameException e) {
            throw new InvalidMailboxNameException(mailbox.imapName().name(), e.getMessage());
        }
        return mailbox;
    }

    private static void checkShape(String text) {
        if (text.isEmpty()) {
            throw new InvalidMailboxNameException(text, "it is empty");
        }
        if (text.length() > LONGEST) {
            throw new InvalidMailboxNameException(text, "it is longer than " + LONGEST + " characters");
        }
        if (text.charAt(0) == Namespace.SEPARATOR) {
            throw new InvalidMailboxNameException(text, "it starts with the hierarchy separator /");
        }
        if (text.charAt(text.length() - 1) == Namespace.SEPARATOR) {
            throw new InvalidMailboxNameException(text, "it ends with the hierarchy separator /");
        }
        for (String level : text.split(String.valueOf(Namespace.SEPARATOR), -1)) {
            if (level.isEmpty()) {
                throw new InvalidMailboxNameException(text, "it has an empty level (//)");
            }
            if (level.equals(".") || level.equals("..")) {
                throw new InvalidMailboxNameException(text, "it has a \"" + level + "\" level");
            }
        }
        for (char c : new char[] {'*', '%', '\\'}) {
            if (text.indexOf(c) >= 0) {
                throw new InvalidMailboxNameException(text, "it contains '" + c + "'"
                        + (c == '\\' ? "" : ", a LIST wildcard"));
            }
        }
    }

    /** {@code inbox/X} is {@code INBOX/X}: only INBOX ignores case. */
    private static String canonicalInbox(String folder) {
        String first = firstLevel(folder);
        if (first.equalsIgnoreCase(INBOX) && !first.equals(INBOX)) {
            return INBOX + folder.substring(first.length());
        }
        return folder;
    }

    private static String firstLevel(String folder) {
        int slash = folder.indexOf(Namespace.SEPARATOR);
        return slash < 0 ? folder : folder.substring(0, slash);
    }

    private static boolean isNamespaceRoot(String level) {
        return (level + Namespace.SEPARATOR).equals(Namespace.OTHER_USERS.prefix())
                || (level + Namespace.SEPARATOR).equals(Namespace.SHARED.prefix());
    }
}
