package org.storemulti.imap.session;

import java.util.Optional;

import org.storemulti.imap.mailbox.MailboxAccess;
import org.storemulti.imap.mailbox.Namespace;
import org.storemulti.imap.mailbox.StoreMailbox;
import org.storemulti.imap.mailbox.UserMailboxes;
import org.storemulti.store.Store;
import org.storemulti.store.mailbox.AclEntry;

/**
 * Creating, deleting and renaming store mailboxes by the namespace an IMAP name put them
 * in: a user's folders ({@code user/NAME/FOLDER}, owned by that user) through the engine's
 * user-folder operations, shared ones ({@code shared/NAME}, owned as their parent) through
 * its shared ones. The engine checks names and existence in its write transaction.
 */
final class StoreMailboxes {

    private StoreMailboxes() {
    }

    /** Creates {@code mailbox}; its parent's ACL entries, when it has a parent, are copied onto it. */
    static void create(Store store, StoreMailbox mailbox, Optional<StoreMailbox> inheritFrom) {
        if (mailbox.namespace() == Namespace.SHARED) {
            store.mailboxes().addShared(mailbox.domain(), sharedName(mailbox), null);
        } else {
            String owner = mailbox.user().orElseThrow();
            store.mailboxes().addUserFolder(mailbox.domain(), owner, folder(mailbox, owner));
        }
        if (inheritFrom.isPresent()) {
            for (AclEntry entry : store.acls().get(inheritFrom.get().domain(), inheritFrom.get().name())) {
                store.acls().set(mailbox.domain(), mailbox.name(), entry.identifier(), entry.rights().letters());
            }
        }
    }

    /** Deletes {@code mailbox} and its messages; the mailboxes below it stay. */
    static void delete(Store store, StoreMailbox mailbox) {
        if (mailbox.namespace() == Namespace.SHARED) {
            store.mailboxes().deleteShared(mailbox.domain(), sharedName(mailbox));
        } else {
            String owner = mailbox.user().orElseThrow();
            store.mailboxes().deleteUserFolder(mailbox.domain(), owner, folder(mailbox, owner));
        }
    }

    /** Whether {@code from} can be renamed to {@code to}: the same tree (one user's, or the shared one). */
    static boolean sameTree(StoreMailbox from, StoreMailbox to) {
        return (from.namespace() == Namespace.SHARED) == (to.namespace() == Namespace.SHARED)
                && from.user().equals(to.user());
    }

    /** Renames {@code from} and the mailboxes below it to {@code to}, in the same tree. */
    static void rename(Store store, StoreMailbox from, StoreMailbox to) {
        if (from.namespace() == Namespace.SHARED) {
            store.mailboxes().renameShared(from.domain(), sharedName(from), sharedName(to));
        } else {
            String owner = from.user().orElseThrow();
            store.mailboxes().renameUserFolder(from.domain(), owner, folder(from, owner), folder(to, owner));
        }
    }

    /**
     * The mailbox whose {@code k} right lets the user make {@code mailbox} (RFC 4314: CREATE
     * and RENAME's target need it on the parent): the nearest one above it that exists, or
     * empty when none does.
     */
    static Optional<MailboxAccess> parentAccess(Context context, StoreMailbox mailbox) {
        for (Optional<StoreMailbox> up = mailbox.parent(); up.isPresent(); up = up.get().parent()) {
            MailboxAccess access = MailboxNames.access(context, up.get());
            if (access.exists()) {
                return Optional.of(access);
            }
        }
        return Optional.empty();
    }

    /** {@code user/joe/Work/2024} of joe: {@code Work/2024}. */
    private static String folder(StoreMailbox mailbox, String owner) {
        return mailbox.name().substring((Namespace.OTHER_USERS.prefix() + owner).length() + 1);
    }

    /** {@code shared/graphics/logos}: {@code graphics/logos}. */
    private static String sharedName(StoreMailbox mailbox) {
        return mailbox.name().substring(Namespace.SHARED.prefix().length());
    }

    /** Whether {@code mailbox} is in the user's own tree. */
    static boolean own(UserMailboxes user, StoreMailbox mailbox) {
        return mailbox.namespace() == Namespace.PERSONAL;
    }
}
