package org.storemulti.store.message;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.storemulti.store.change.ChangeFeed;
import org.storemulti.store.change.MailboxChange;
import org.storemulti.store.db.Database;
import org.storemulti.store.error.AlreadyExistsException;
import org.storemulti.store.error.ConflictException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.ObjectKind;
import org.storemulti.store.error.StorageException;
import org.storemulti.store.mime.MessageStructure;
import org.storemulti.store.name.Guid;

/**
 * One mailbox, opened by name or GUID, for an IMAP session or a sync: everything is by UID
 * (sequence numbers are the session's, from its {@link #snapshot}). The handle follows the
 * mailbox through renames; once the mailbox is deleted every call throws
 * {@link NotFoundException}. Changes are committed at once, the change feed hears of them
 * after the commit. Thread-safe; cheap to keep.
 *
 * <p>Access control is the caller's: ask {@code Acls.rightsOf} before acting for a user.
 */
public final class MailboxHandle {

    private static final System.Logger LOG = System.getLogger(MailboxHandle.class.getName());

    private final Database database;
    private final MessageFiles files;
    private final Deliverer deliverer;
    private final DeliveryBatcher batcher;
    private final ChangeFeed feed;
    private final Clock clock;
    private final SnapshotCache snapshots;
    private final long id;
    private final String domain;
    private volatile String guid;
    private final String openedAs;

    MailboxHandle(Services services, TargetMailbox mailbox) {
        this.database = services.database();
        this.files = services.files();
        this.deliverer = services.deliverer();
        this.batcher = services.batcher();
        this.feed = services.feed();
        this.clock = services.clock();
        this.snapshots = services.snapshots();
        this.id = mailbox.id();
        this.domain = mailbox.domain();
        this.guid = mailbox.guid();
        this.openedAs = mailbox.domain() + " " + mailbox.name();
    }

    /** What a handle needs from the store. */
    record Services(Database database, MessageFiles files, Deliverer deliverer, DeliveryBatcher batcher,
            ChangeFeed feed, Clock clock, SnapshotCache snapshots) {
    }

    public String domain() {
        return domain;
    }

    /** The mailbox's full name when the handle was opened (it may be renamed since). */
    String openedName() {
        return openedAs.substring(domain.length() + 1);
    }

    /** The mailbox GUID: it names the mailbox across renames (and, for a sync, across stores). */
    public String guid() {
        return guid;
    }

    /** UID validity, UIDNEXT, highest modseq, message count, first \Recent UID, current name. */
    public MailboxState state() {
        return database.read(session -> MessageQueries.state(session, id, openedAs));
    }

    /** Every message's UID, modseq and flags, and the mailbox's keywords: what SELECT needs. */
    public MailboxSnapshot snapshot() {
        return database.read(session -> MessageQueries.snapshot(session, id, openedAs, snapshots));
    }

    /**
     * The messages of {@code uids} in UID order (absent UIDs are skipped), with their MIME
     * structure if {@code structure}. Messages stored before the structure cache existed are
     * parsed now, once: their structures are cached for the next time.
     */
    public List<MessageRecord> fetch(UidSet uids, boolean structure) {
        return fetch(uids, structure, false);
    }

    /** The messages of {@code uids}, by UID, with their structure and/or header block when asked for. */
    public List<MessageRecord> fetch(UidSet uids, boolean structure, boolean header) {
        Map<Long, CachedMime> toCache = new HashMap<>();
        List<MessageRecord> records = database.read(session -> {
            MessageQueries.requireMailbox(session, id, openedAs);
            return MessageQueries.fetch(session, id, uids, structure, header, files, toCache);
        });
        cache(toCache);
        return records;
    }

    /** One message, with its structure; {@link NotFoundException} if the mailbox has no such UID. */
    public MessageRecord fetch(long uid) {
        List<MessageRecord> one = fetch(UidSet.of(uid), true);
        if (one.isEmpty()) {
            throw new NotFoundException(ObjectKind.MESSAGE, openedAs + " uid " + uid);
        }
        return one.get(0);
    }

    /** The MIME structure of one message. */
    public MessageStructure structure(long uid) {
        return fetch(uid).structure();
    }

    /** Fills the cache of contents stored before it existed; what another reader filled meanwhile stays. */
    private void cache(Map<Long, CachedMime> found) {
        if (found.isEmpty()) {
            return;
        }
        try {
            database.write(session -> {
                for (Map.Entry<Long, CachedMime> each : found.entrySet()) {
                    session.update("UPDATE message_file SET mime = coalesce(mime, ?), header = coalesce(header, ?)"
                            + " WHERE id = ?", each.getValue().structure(), each.getValue().header(), each.getKey());
                }
                return null;
            });
        } catch (StorageException e) {
            // the cache is an optimization: the next read parses again
            LOG.log(Level.WARNING, "cannot cache MIME structures of " + openedAs, e);
        }
    }

    /**
     * The messages changed after {@code modseq} (new ones included) with their flags, and
     * what was expunged after it (or that the log forgot: resynchronize fully), in one
     * consistent read: CONDSTORE/QRESYNC and incremental sync.
     */
    public MailboxChanges changesSince(long modseq) {
        return database.read(session -> MessageQueries.changes(session, id, modseq, openedAs));
    }

    /** What was expunged after {@code modseq} (QRESYNC VANISHED (EARLIER)). */
    public ExpungeHistory expungedSince(long modseq) {
        return database.read(session -> {
            MessageQueries.requireMailbox(session, id, openedAs);
            return ExpungeLog.since(session, id, modseq);
        });
    }

    /**
     * Claims \Recent for the calling session (SELECT, not EXAMINE): the messages no session
     * has seen are recent for this one only; later sessions do not see them as recent.
     */
    public RecentClaim claimRecent() {
        MailboxState state = state();
        if (state.firstRecentUid() >= state.uidNext()) {
            return new RecentClaim(state.uidNext(), state.uidNext());
        }
        return database.write(session -> {
            MailboxState now = MessageQueries.state(session, id, openedAs);
            session.update("UPDATE mailbox SET first_recent_uid = ? WHERE id = ?", now.uidNext(), id);
            return new RecentClaim(Math.min(now.firstRecentUid(), now.uidNext()), now.uidNext());
        });
    }

    /**
     * Changes the flags of the messages of {@code uids} (STORE); with {@code unchangedSince}
     * of 0 or more, only of those not changed after it (CONDSTORE), the others are refused.
     */
    public StoreResult store(UidSet uids, FlagChange change, long unchangedSince) {
        List<MailboxChange> changes = new ArrayList<>();
        StoreResult result = database.write(session -> {
            TargetMailbox mailbox = TargetMailbox.require(session, id, openedAs);
            ModseqCounter modseqs = new ModseqCounter(session);
            StoreResult stored = FlagStore.store(session, mailbox, uids, change, unchangedSince, modseqs);
            modseqs.save();
            if (stored.modseq() > 0) {
                changes.add(mailbox.change(stored.modseq(), mailbox.nextUid()));
            }
            return stored;
        });
        publish(changes);
        return result;
    }

    /** Expunges the messages of {@code uids} that are flagged \Deleted (UID EXPUNGE; {@link UidSet#ALL}: EXPUNGE). */
    public List<Expunged> expunge(UidSet uids) {
        return expunge(uids, true);
    }

    /**
     * Expunges the messages of {@code uids} whatever their flags: a sync applying the other
     * side's expunges, an administrator. Logged like any expunge.
     */
    public List<Expunged> remove(UidSet uids) {
        return expunge(uids, false);
    }

    private List<Expunged> expunge(UidSet uids, boolean onlyDeleted) {
        List<MailboxChange> changes = new ArrayList<>();
        Expunger.Outcome outcome = database.write(session -> {
            TargetMailbox mailbox = TargetMailbox.require(session, id, openedAs);
            ModseqCounter modseqs = new ModseqCounter(session);
            Expunger.Outcome gone = Expunger.expunge(session, mailbox, uids, onlyDeleted, false, modseqs, clock.millis());
            modseqs.save();
            if (gone.modseq() > 0) {
                changes.add(mailbox.change(gone.modseq(), mailbox.nextUid()));
            }
            return gone;
        });
        database.afterCommit(() -> files.deleteQuietly(outcome.unreferencedFiles()));
        publish(changes);
        return outcome.expunged();
    }

    /** Copies the messages of {@code uids} to {@code target} (COPY); over quota changes nothing. */
    public CopyResult copy(UidSet uids, MailboxHandle target) {
        return copyOrMove(uids, target, false);
    }

    /** Moves the messages of {@code uids} to {@code target} (MOVE): copy and expunge in one transaction. */
    public CopyResult move(UidSet uids, MailboxHandle target) {
        return copyOrMove(uids, target, true);
    }

    private CopyResult copyOrMove(UidSet uids, MailboxHandle target, boolean move) {
        List<MailboxChange> changes = new ArrayList<>();
        Copier.Outcome outcome = database.write(session -> {
            TargetMailbox source = TargetMailbox.require(session, id, openedAs);
            TargetMailbox into = TargetMailbox.require(session, target.id, target.openedAs);
            ModseqCounter modseqs = new ModseqCounter(session);
            Copier.Outcome copied = Copier.copy(session, source, uids, into, move, modseqs, clock.millis());
            modseqs.save();
            List<Long> added = copied.result().targetUids();
            if (!added.isEmpty()) {
                changes.add(into.change(copied.result().modseq(), added.get(added.size() - 1) + 1));
            }
            if (copied.moved() != null && copied.moved().modseq() > 0) {
                changes.add(source.change(copied.moved().modseq(), source.nextUid()));
            }
            return copied;
        });
        publish(changes);
        return outcome.result();
    }

    /**
     * Stores a message read from {@code content} to its end (APPEND) with {@code flags} and
     * {@code internalDate} ({@code null}: now), through the group commit; durable on return.
     * The stream is copied to the file as it is read, never held whole.
     *
     * @throws IOException reading {@code content} or writing the file failed; nothing was stored
     * @throws org.storemulti.store.error.QuotaExceededException the message does not fit
     */
    public DeliveryResult.Stored append(InputStream content, Flags flags, Instant internalDate) throws IOException {
        return save(content, flags, internalDate, null, 0);
    }

    /**
     * {@link #append} for a sync: keeps {@code guid} unless the mailbox already has it, and
     * takes {@code uid} when it is still free (at least UIDNEXT); 0 = the next UID.
     */
    public DeliveryResult.Stored save(InputStream content, Flags flags, Instant internalDate, String guid, long uid)
            throws IOException {
        DeliveryResult result = stage(content, flags, internalDate, guid, uid);
        if (result instanceof DeliveryResult.Stored stored) {
            return stored;
        }
        if (result instanceof DeliveryResult.OverQuota over) {
            throw over.toException();
        }
        if (result instanceof DeliveryResult.UnknownMailbox) {
            throw new NotFoundException(ObjectKind.MAILBOX, openedAs);
        }
        throw new StorageException(openedAs, ((DeliveryResult.TemporaryFailure) result).reason());
    }

    /**
     * The file written from {@code content}, then the next group commit (quota and index);
     * what became of it. {@link DeliveryPipeline#append} and {@link #save} enter here.
     *
     * @throws IOException reading {@code content} or writing the file failed; nothing was stored
     * @throws NotFoundException the mailbox is gone
     */
    DeliveryResult stage(InputStream content, Flags flags, Instant internalDate, String guid, long uid)
            throws IOException {
        if (guid != null) {
            new Guid(guid);
        }
        TargetMailbox mailbox = database.read(session -> TargetMailbox.require(session, id, openedAs));
        Deliverer.Pending pending = deliverer.stage(mailbox, content, flags == null ? Flags.NONE : flags,
                internalDate, guid, uid);
        return batcher.commit(List.of(pending)).get(0);
    }

    /**
     * A batch of messages to save into this mailbox with one commit (a sync copying many):
     * {@link MessageBatch#add} streams each to its file, {@link MessageBatch#commit} indexes them
     * all; closing it uncommitted deletes the files.
     */
    public MessageBatch saveBatch() {
        TargetMailbox mailbox = database.read(session -> TargetMailbox.require(session, id, openedAs));
        return new MessageBatch(deliverer, batcher, files, mailbox);
    }

    /**
     * Gives messages new UIDs in one transaction, keeping their GUIDs, flags, dates and files:
     * {@code newUids} maps old UIDs to new ones (absent UIDs are skipped). With the mailbox's own
     * {@code uidValidity} (a sync resolving a UID conflict) every new UID must be at least
     * UIDNEXT, and the old UIDs are logged as expunged; with another one (a sync merging the
     * mailbox with its peer's) the mailbox takes it, every message must be given a UID and the
     * expunge log starts over. The moved messages take one new modseq. Returns the state after.
     *
     * @throws org.storemulti.store.error.ConflictException a UID below UIDNEXT, or a message
     *     left without a UID under a new UID validity; nothing changed
     */
    public MailboxState renumber(long uidValidity, Map<Long, Long> newUids) {
        List<MailboxChange> changes = new ArrayList<>();
        MailboxState after = database.write(session -> {
            TargetMailbox mailbox = TargetMailbox.require(session, id, openedAs);
            ModseqCounter modseqs = new ModseqCounter(session);
            Renumberer.Outcome done = Renumberer.renumber(session, mailbox, uidValidity, newUids, modseqs,
                    clock.millis());
            modseqs.save();
            if (done.modseq() > 0) {
                changes.add(mailbox.change(done.modseq(), done.nextUid()));
            }
            return MessageQueries.state(session, id, openedAs);
        });
        publish(changes);
        return after;
    }

    /**
     * Gives an empty mailbox another identity, as a sync creating the peer of a mailbox does:
     * {@code guid} and {@code uidValidity} of the other side, UIDs starting at 1 again, the
     * expunge log forgotten. Refused when the mailbox has messages or the GUID is taken.
     */
    public void resetIdentity(String newGuid, long uidValidity) {
        new Guid(newGuid);
        MailboxChange change = database.write(session -> {
            TargetMailbox mailbox = TargetMailbox.require(session, id, openedAs);
            if (session.number("SELECT COUNT(*) FROM message WHERE mailbox_id = ?", id) > 0) {
                throw new ConflictException("mailbox " + openedAs, "has messages: only an empty mailbox takes another identity");
            }
            if (session.number("SELECT COUNT(*) FROM mailbox WHERE guid = ? AND id <> ?", newGuid, id) > 0) {
                throw new AlreadyExistsException(ObjectKind.MAILBOX, "GUID " + newGuid);
            }
            ModseqCounter modseqs = new ModseqCounter(session);
            long modseq = modseqs.next();
            session.update("UPDATE mailbox SET guid = ?, uid_validity = ?, next_uid = 1, first_recent_uid = 1,"
                    + " highest_modseq = ? WHERE id = ?", newGuid, uidValidity, modseq, id);
            ExpungeLog.forget(session, id, modseq);
            modseqs.save();
            return new MailboxChange(MailboxChange.Kind.MESSAGES, mailbox.domain(), mailbox.name(), newGuid, modseq, 1);
        });
        guid = newGuid;
        publish(List.of(change));
    }

    private void publish(List<MailboxChange> changes) {
        if (!changes.isEmpty()) {
            database.afterCommit(() -> feed.publish(changes));
        }
    }
}
