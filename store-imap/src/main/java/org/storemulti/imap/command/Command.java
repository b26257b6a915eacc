package org.storemulti.imap.command;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One IMAP command with its arguments parsed, RFC 3501 and the extensions issue 13 lists.
 * The tag and the command's wire name travel beside it ({@code parse.ParsedCommand}); a
 * UID variant is the same record with {@code uid} set. Commands that carry literals
 * (APPEND) are {@link AutoCloseable}: closing deletes their spool files.
 */
public sealed interface Command {

    // ---- any state ----

    record Capability() implements Command {
    }

    record Noop() implements Command {
    }

    record Logout() implements Command {
    }

    /** RFC 2971 ID: the client's fields, empty for {@code ID NIL}; a NIL value is empty. */
    record Id(List<IdField> fields) implements Command {
        public Id {
            fields = List.copyOf(fields);
        }
    }

    /** One ID field. */
    record IdField(String name, Optional<String> value) {
    }

    // ---- not authenticated ----

    record StartTls() implements Command {
    }

    /** RFC 3501 LOGIN, strings decoded as UTF-8. */
    record Login(String user, String password) implements Command {
        @Override
        public String toString() {
            return "Login[user=" + user + ", password=(hidden)]";
        }
    }

    /**
     * AUTHENTICATE mechanism, with RFC 4959 SASL-IR's initial response still in BASE64
     * ({@code =} for an empty one).
     */
    record Authenticate(String mechanism, Optional<String> initialResponse) implements Command {
        @Override
        public String toString() {
            return "Authenticate[" + mechanism + (initialResponse.isPresent() ? ", (initial response)" : "") + "]";
        }
    }

    // ---- authenticated ----

    /** RFC 5161 ENABLE: the capability names, upper-cased. */
    record Enable(List<String> capabilities) implements Command {
        public Enable {
            capabilities = List.copyOf(capabilities);
        }
    }

    /** SELECT ({@code readOnly == false}) or EXAMINE, with RFC 4466 select parameters. */
    record Select(MailboxName mailbox, boolean readOnly, boolean condstore, Optional<Qresync> qresync)
            implements Command {
    }

    /** RFC 7162 QRESYNC select parameter. */
    record Qresync(long uidValidity, long modseq, Optional<SequenceSet> knownUids,
            Optional<SequenceSet> knownSequenceNumbers, Optional<SequenceSet> knownSequenceUids) {
    }

    /** CREATE, with RFC 6154 {@code (USE (\Drafts ...))}. */
    record Create(MailboxName mailbox, List<Flag> specialUse) implements Command {
        public Create {
            specialUse = List.copyOf(specialUse);
        }
    }

    record Delete(MailboxName mailbox) implements Command {
    }

    record Rename(MailboxName from, MailboxName to) implements Command {
    }

    record Subscribe(MailboxName mailbox) implements Command {
    }

    record Unsubscribe(MailboxName mailbox) implements Command {
    }

    /** RFC 5258 LIST-EXTENDED selection options. */
    enum ListSelect { SUBSCRIBED, REMOTE, RECURSIVEMATCH, SPECIAL_USE }

    /** RFC 5258 / 6154 / 5819 return options (STATUS carries its items beside). */
    enum ListReturn { SUBSCRIBED, CHILDREN, SPECIAL_USE, STATUS }

    /**
     * LIST, plain or extended. {@code reference} and {@code patterns} are decoded from
     * modified UTF-7 with their wildcards ({@code *}, {@code %}) kept.
     */
    record ListMailboxes(Set<ListSelect> select, String reference, List<String> patterns, Set<ListReturn> returns,
            Set<StatusItem> statusItems) implements Command {
        public ListMailboxes {
            select = Set.copyOf(select);
            patterns = List.copyOf(patterns);
            returns = Set.copyOf(returns);
            statusItems = Set.copyOf(statusItems);
        }
    }

    record Lsub(String reference, String pattern) implements Command {
    }

    /** What STATUS (or LIST RETURN STATUS) may ask for; SIZE is RFC 8438. */
    enum StatusItem { MESSAGES, RECENT, UIDNEXT, UIDVALIDITY, UNSEEN, HIGHESTMODSEQ, SIZE }

    record Status(MailboxName mailbox, Set<StatusItem> items) implements Command {
        public Status {
            items = Set.copyOf(items);
        }
    }

    /** APPEND, with RFC 3502 MULTIAPPEND's several messages; closing deletes spooled messages. */
    record Append(MailboxName mailbox, List<AppendMessage> messages) implements Command, AutoCloseable {
        public Append {
            messages = List.copyOf(messages);
        }

        @Override
        public void close() {
            messages.forEach(m -> m.message().close());
        }
    }

    /** One message of an APPEND: flags, internal date (absent: now), the octets. */
    record AppendMessage(List<Flag> flags, Optional<OffsetDateTime> internalDate, Literal message) {
        public AppendMessage {
            flags = List.copyOf(flags);
        }
    }

    record Namespace() implements Command {
    }

    /** RFC 2177 IDLE; the session waits for DONE. */
    record Idle() implements Command {
    }

    // ---- selected ----

    record Check() implements Command {
    }

    record Close() implements Command {
    }

    /** RFC 3691 UNSELECT. */
    record Unselect() implements Command {
    }

    /** EXPUNGE, or RFC 4315 UID EXPUNGE with its UID set. */
    record Expunge(Optional<SequenceSet> uids) implements Command {
    }

    /** RFC 4731 ESEARCH return options; none given means a plain SEARCH response. */
    enum SearchReturn { MIN, MAX, ALL, COUNT, SAVE }

    /**
     * SEARCH / UID SEARCH. {@code returns} is empty without RETURN, and {@code {ALL}} for
     * {@code RETURN ()}; {@code charset} is the name the client gave (already used to
     * decode the strings in {@code key}).
     */
    record Search(boolean uid, Optional<Set<SearchReturn>> returns, Optional<String> charset, SearchKey key)
            implements Command {
    }

    /** FETCH / UID FETCH, with RFC 7162 CHANGEDSINCE and VANISHED modifiers. */
    record Fetch(boolean uid, SequenceSet set, List<FetchItem> items, OptionalLong changedSince, boolean vanished)
            implements Command {
        public Fetch {
            items = List.copyOf(items);
        }
    }

    /** How STORE changes the flags. */
    enum StoreMode { REPLACE, ADD, REMOVE }

    /** STORE / UID STORE, with RFC 7162 UNCHANGEDSINCE. */
    record StoreFlags(boolean uid, SequenceSet set, OptionalLong unchangedSince, StoreMode mode, boolean silent,
            List<Flag> flags) implements Command {
        public StoreFlags {
            flags = List.copyOf(flags);
        }
    }

    record Copy(boolean uid, SequenceSet set, MailboxName target) implements Command {
    }

    /** RFC 6851 MOVE / UID MOVE. */
    record Move(boolean uid, SequenceSet set, MailboxName target) implements Command {
    }

    // ---- RFC 9208 QUOTA ----

    record GetQuota(String root) implements Command {
    }

    record GetQuotaRoot(MailboxName mailbox) implements Command {
    }

    /** SETQUOTA root (resource limit ...), resource names upper-cased. */
    record SetQuota(String root, Map<String, Long> limits) implements Command {
        public SetQuota {
            limits = Map.copyOf(limits);
        }
    }

    // ---- RFC 4314 ACL ----

    record GetAcl(MailboxName mailbox) implements Command {
    }

    /** SETACL; {@code rights} as written, with its optional leading {@code +} or {@code -}. */
    record SetAcl(MailboxName mailbox, String identifier, String rights) implements Command {
    }

    record DeleteAcl(MailboxName mailbox, String identifier) implements Command {
    }

    record ListRights(MailboxName mailbox, String identifier) implements Command {
    }

    record MyRights(MailboxName mailbox) implements Command {
    }
}
