package org.storemulti.imap.mailbox;

import java.util.Optional;

import org.storemulti.store.Store;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.mailbox.Rights;

/**
 * What one user may do in one mailbox: whether it exists and the user's RFC 4314 rights
 * there (the store's ACL: the user's and {@code anyone}'s entries less the negative ones; an
 * owner has every right from creation). The letters, as handlers ask for them:
 *
 * <pre>
 * l  see it (LIST, LSUB)          r  SELECT, EXAMINE, STATUS, FETCH, SEARCH, COPY from it
 * s  keep \Seen (STORE, FETCH)    w  other flags and keywords (STORE, APPEND/COPY with flags)
 * i  APPEND, COPY/MOVE into it    p  post to it (LMTP detail delivery)
 * k  CREATE below it, new keywords   x  DELETE or RENAME it
 * t  STORE \Deleted               e  EXPUNGE, CLOSE's expunge, MOVE out of it (with t)
 * a  GETACL, SETACL, DELETEACL, LISTRIGHTS
 * </pre>
 *
 * The obsolete RFC 2086 rights count as their RFC 4314 replacements ({@code c} as {@code k},
 * {@code d} as {@code xte}, RFC 4314 2.1.1).
 */
public record MailboxAccess(StoreMailbox mailbox, boolean exists, Rights rights) {

    /** Why a command is refused: the response code ({@code NONEXISTENT}, {@code NOPERM}) and the text. */
    public record Refusal(String code, String text) {
    }

    /** The rights of {@code user} on {@code mailbox}, read now. */
    public static MailboxAccess of(Store store, UserMailboxes user, StoreMailbox mailbox) {
        try {
            Rights rights = store.acls().rightsOf(mailbox.domain(), mailbox.name(), user.user());
            return new MailboxAccess(mailbox, true, effective(rights));
        } catch (NotFoundException e) {
            return new MailboxAccess(mailbox, false, Rights.NONE);
        }
    }

    /** {@code rights} with the obsolete {@code c} and {@code d} replaced by what they stand for. */
    public static Rights effective(Rights rights) {
        Rights out = rights;
        if (rights.has('c')) {
            out = out.plus(new Rights("k"));
        }
        if (rights.has('d')) {
            out = out.plus(new Rights("xte"));
        }
        return out;
    }

    /** Whether the mailbox exists and the user has {@code right} there. */
    public boolean may(char right) {
        return exists && rights.has(right);
    }

    /**
     * Whether the user may set or clear {@code flag} here (RFC 4314 section 4: {@code s} for
     * {@code \Seen}, {@code t} for {@code \Deleted}, {@code w} for every other flag and
     * keyword). STORE, APPEND and COPY drop the flags the user may not set, silently.
     */
    public boolean mayStore(String flag) {
        if (flag.equalsIgnoreCase("\\Seen")) {
            return may('s');
        }
        if (flag.equalsIgnoreCase("\\Deleted")) {
            return may('t');
        }
        return may('w');
    }

    /**
     * Whether SELECT opens it READ-WRITE (RFC 4314 5.2): with any of {@code i}, {@code e} and
     * the flag rights {@code s}, {@code w}, {@code t}; READ-ONLY otherwise.
     */
    public boolean writable() {
        return may('i') || may('e') || may('s') || may('w') || may('t');
    }

    /**
     * Why the user may not do {@code action} (a command name such as {@code SELECT}) here,
     * needing {@code right}, or empty if it may. A mailbox the user can neither see ({@code l})
     * nor use this way is answered as if it did not exist (RFC 4314 section 4: no telling
     * which mailboxes exist to those who may not know).
     */
    public Optional<Refusal> refusal(char right, String action) {
        if (may(right)) {
            return Optional.empty();
        }
        if (!exists || !rights.has('l')) {
            return Optional.of(new Refusal("NONEXISTENT", "no mailbox " + mailbox.imapName().name()));
        }
        return Optional.of(new Refusal("NOPERM", action + " " + mailbox.imapName().name() + " needs the '" + right
                + "' right, which you do not have there"));
    }
}
