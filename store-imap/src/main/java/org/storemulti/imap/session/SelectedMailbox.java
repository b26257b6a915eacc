package org.storemulti.imap.session;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.storemulti.imap.mailbox.MailboxAccess;
import org.storemulti.imap.mailbox.StoreMailbox;
import org.storemulti.imap.message.FlagLists;
import org.storemulti.imap.response.ResponseWriter;
import org.storemulti.store.change.MailboxChange;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.message.ExpungeHistory;
import org.storemulti.store.message.Expunged;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MailboxChanges;
import org.storemulti.store.message.MailboxHandle;
import org.storemulti.store.message.MailboxSnapshot;
import org.storemulti.store.message.MailboxState;
import org.storemulti.store.message.MessageFlags;
import org.storemulti.store.message.RecentClaim;
import org.storemulti.store.message.UidSet;

/**
 * The selected state of one session: the mailbox's handle and the user's rights there, the
 * client's {@link MessageView}, the \Recent messages this session claimed, the keywords the
 * client was told, the search result saved for {@code $}, and what changed since the client
 * was last told.
 *
 * <p>How updates work: the engine's change feed marks the mailbox dirty (from any thread);
 * {@link #update} then reads what changed after the highest modseq the client is up to date
 * with ({@code changesSince}), tells the client (FLAGS for new keywords, EXPUNGE or VANISHED
 * where RFC 3501 7.4.1 allows them, EXISTS and RECENT, FETCH for flags others changed) and
 * moves its mark. A message expunged by someone else while EXPUNGE may not be sent stays in
 * the view, remembered as gone, until it may. The session's own STORE and EXPUNGE update the
 * view at once and do not mark it dirty (their feed notice arrives on the session's own
 * thread); the mark stays behind them, so nothing another session did in between is lost.
 */
final class SelectedMailbox {

    /** The selected mailbox was deleted (by another session or an administrator): the session ends. */
    static final class DeletedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeletedException(String mailbox, Throwable cause) {
            super("the selected mailbox " + mailbox + " was deleted", cause);
        }
    }

    private final MailboxHandle handle;
    private final StoreMailbox mailbox;
    private final MailboxAccess access;
    private final boolean readOnly;
    private final MessageView view;
    private final long uidValidity;
    private final MailboxState opened;
    private final List<long[]> recent = new ArrayList<>();
    private final Set<String> keywords = new LinkedHashSet<>();
    private final TreeSet<Long> gone = new TreeSet<>();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final Runnable wake;
    private volatile Thread ownCommit;
    private long uptoModseq;
    private UidSet saved = UidSet.EMPTY;
    private AutoCloseable watch;

    private SelectedMailbox(MailboxHandle handle, StoreMailbox mailbox, MailboxAccess access, boolean readOnly,
            MailboxSnapshot snapshot, Runnable wake) {
        this.handle = handle;
        this.mailbox = mailbox;
        this.access = access;
        this.readOnly = readOnly;
        this.wake = wake;
        this.view = new MessageView(snapshot);
        this.uidValidity = snapshot.state().uidValidity();
        this.opened = snapshot.state();
        this.uptoModseq = snapshot.state().highestModseq();
        keywords.addAll(snapshot.keywords());
    }

    /**
     * Selects: watches the mailbox first (so nothing committed after the snapshot is missed),
     * reads the snapshot, and claims \Recent unless read-only (EXAMINE claims nothing and shows
     * as recent what no session has claimed yet).
     * {@code wake} is called, on the committing thread, when the mailbox changes.
     */
    static SelectedMailbox open(MailboxHandle handle, StoreMailbox mailbox, MailboxAccess access, boolean readOnly,
            MailboxUpdates updates, Runnable wake) {
        Holder holder = new Holder();
        AutoCloseable watch = updates.watch(handle.guid(), change -> holder.changed(change));
        try {
            SelectedMailbox selected = new SelectedMailbox(handle, mailbox, access, readOnly, handle.snapshot(), wake);
            holder.selected = selected;
            selected.watch = watch;
            if (readOnly) {
                MailboxState state = selected.opened;
                selected.claim(new RecentClaim(state.firstRecentUid(), state.uidNext()));
            } else {
                selected.claim(handle.claimRecent());
            }
            return selected;
        } catch (RuntimeException e) {
            closeQuietly(watch);
            throw e;
        }
    }

    /** Passes feed notices to the session once it exists (a notice before that is covered by the snapshot). */
    private static final class Holder {
        private volatile SelectedMailbox selected;

        void changed(MailboxChange change) {
            SelectedMailbox s = selected;
            if (s != null) {
                s.changed(change);
            }
        }
    }

    /** Stops watching (UNSELECT, CLOSE, another SELECT, the connection closing). */
    void close() {
        closeQuietly(watch);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            throw new IllegalStateException("leaving the change feed", e);
        }
    }

    // ---- what handlers read ----

    StoreMailbox mailbox() {
        return mailbox;
    }

    MailboxAccess access() {
        return access;
    }

    boolean readOnly() {
        return readOnly;
    }

    MessageView view() {
        return view;
    }

    long uidValidity() {
        return uidValidity;
    }

    /** The mailbox's state when it was selected (UIDNEXT, HIGHESTMODSEQ for SELECT's answer). */
    MailboxState opened() {
        return opened;
    }

    MailboxHandle handle() {
        return handle;
    }

    boolean isRecent(long uid) {
        for (int k = 0; k < recent.size(); k++) { // no iterator: asked once for every message a FETCH sends
            long[] range = recent.get(k);
            if (uid >= range[0] && uid < range[1]) {
                return true;
            }
        }
        return false;
    }

    int recentCount() {
        int n = 0;
        for (long[] range : recent) {
            n += view.firstAtLeast(range[1]) - view.firstAtLeast(range[0]);
        }
        return n;
    }

    /** Whether the client was told the message exists, but someone else expunged it since. */
    boolean isGone(long uid) {
        return !gone.isEmpty() && gone.contains(uid); // asked per message by FETCH and SEARCH: no boxing while none is gone
    }

    /** The view indices among {@code indices} whose messages are not gone: what a change can still reach. */
    int[] live(int[] indices) {
        return Arrays.stream(indices).filter(i -> !isGone(view.uid(i))).toArray();
    }

    Set<String> keywords() {
        return keywords;
    }

    /** The SEARCHRES result {@code $} stands for, as UIDs (RFC 5182). */
    UidSet saved() {
        return saved;
    }

    void save(UidSet uids) {
        saved = uids;
    }

    // ---- changes ----

    /**
     * Runs a STORE or EXPUNGE of this session: the feed's notice of it comes on this thread,
     * and the caller updates the view from the result instead.
     */
    <T> T own(Supplier<T> commit) {
        ownCommit = Thread.currentThread();
        try {
            return commit.get();
        } catch (NotFoundException e) {
            throw deleted(e);
        } finally {
            ownCommit = null;
        }
    }

    /** Calls the engine with the mailbox; a deleted mailbox becomes {@link DeletedException}. */
    <T> T read(Supplier<T> call) {
        try {
            return call.get();
        } catch (NotFoundException e) {
            throw deleted(e);
        }
    }

    private DeletedException deleted(NotFoundException e) {
        return new DeletedException(mailbox.imapName().name(), e);
    }

    private void changed(MailboxChange change) {
        if (Thread.currentThread() == ownCommit) {
            return;
        }
        dirty.set(true);
        wake.run();
    }

    /** Whether {@link #update} has something to say. */
    boolean pending(boolean expungeAllowed) {
        return dirty.get() || expungeAllowed && !gone.isEmpty();
    }

    /**
     * Tells the client what changed since it was last told (see the class comment). With
     * {@code expungeAllowed} false (during FETCH, STORE, SEARCH) expunged messages stay in
     * the view. {@code condstore}: FETCH responses carry MODSEQ; {@code qresync}: they carry
     * UID, and VANISHED replaces EXPUNGE.
     */
    void update(ResponseWriter out, boolean expungeAllowed, boolean condstore, boolean qresync) throws IOException {
        if (dirty.getAndSet(false)) {
            MailboxChanges changes = read(() -> handle.changesSince(uptoModseq));
            noteExpunged(changes.expunged());
            List<MessageFlags> fresh = new ArrayList<>();
            FlagLists lists = new FlagLists();
            List<MessageFlags> flagged = new ArrayList<>();
            for (MessageFlags message : changes.changed()) {
                int i = view.indexOf(message.uid());
                if (i >= 0 && !gone.contains(message.uid())) {
                    if (!message.flags().equals(view.flags(i)) || condstore && message.modseq() != view.modseq(i)) {
                        view.update(i, message.flags(), message.modseq());
                        flagged.add(message);
                    }
                } else if (message.uid() > view.lastUid()) {
                    fresh.add(message);
                }
            }
            announceKeywords(out, fresh, flagged);
            if (expungeAllowed) {
                reportExpunged(out, qresync);
            }
            arrived(out, fresh);
            for (MessageFlags message : flagged) {
                int i = view.indexOf(message.uid());
                if (i >= 0) {
                    fetchFlags(out, lists, i, true, condstore, qresync);
                }
            }
            uptoModseq = Math.max(uptoModseq, changes.state().highestModseq());
        } else if (expungeAllowed) {
            reportExpunged(out, qresync);
        }
    }

    private void noteExpunged(ExpungeHistory history) {
        if (history instanceof ExpungeHistory.Known known) {
            for (Expunged e : known.expunged()) {
                if (view.indexOf(e.uid()) >= 0) {
                    gone.add(e.uid());
                }
            }
            return;
        }
        // the log no longer reaches back to our mark: compare UIDs
        MailboxSnapshot now = read(handle::snapshot);
        for (int i = 0; i < view.size(); i++) {
            if (now.indexOf(view.uid(i)) < 0) {
                gone.add(view.uid(i));
            }
        }
    }

    /** The session expunged these itself: the client is told now. */
    void expunged(List<Expunged> messages, ResponseWriter out, boolean qresync) throws IOException {
        expungedUids(messages.stream().map(Expunged::uid).toList(), out, qresync);
    }

    /** The session expunged (or moved away) the messages of these UIDs: the client is told now. */
    void expungedUids(List<Long> uids, ResponseWriter out, boolean qresync) throws IOException {
        for (long uid : uids) {
            if (view.indexOf(uid) >= 0) {
                gone.add(uid);
            }
        }
        reportExpunged(out, qresync);
    }

    /** EXPUNGE (ascending, each number as it stands after the ones before) or one VANISHED. */
    private void reportExpunged(ResponseWriter out, boolean qresync) throws IOException {
        if (gone.isEmpty()) {
            return;
        }
        int[] indices = new int[gone.size()];
        int n = 0;
        for (long uid : gone) {
            int i = view.indexOf(uid);
            if (i >= 0) {
                indices[n++] = i;
            }
        }
        indices = Arrays.copyOf(indices, n);
        if (qresync) {
            if (n > 0) {
                out.untagged().raw("VANISHED ").raw(view.uids(indices).toString()).end();
            }
        } else {
            for (int k = 0; k < n; k++) {
                out.untagged().number(indices[k] + 1L - k).raw(" EXPUNGE").end();
            }
        }
        view.remove(indices);
        saved = without(saved, gone);
        gone.clear();
    }

    private static UidSet without(UidSet set, Set<Long> uids) {
        if (set.isEmpty()) {
            return set;
        }
        List<Long> kept = new ArrayList<>();
        set.forEach(uid -> {
            if (!uids.contains(uid)) {
                kept.add(uid);
            }
        });
        return UidSet.of(kept);
    }

    private void arrived(ResponseWriter out, List<MessageFlags> fresh) throws IOException {
        if (fresh.isEmpty()) {
            return;
        }
        for (MessageFlags message : fresh) {
            view.append(message.uid(), message.flags(), message.modseq());
        }
        if (readOnly) {
            // EXAMINE leaves \Recent to the next SELECT and shows what arrives as recent meanwhile
            claim(new RecentClaim(fresh.get(0).uid(), fresh.get(fresh.size() - 1).uid() + 1));
        } else {
            claim(read(handle::claimRecent));
        }
        out.untagged().number(view.size()).raw(" EXISTS").end();
        out.untagged().number(recentCount()).raw(" RECENT").end();
    }

    private void claim(RecentClaim claim) {
        if (claim.firstUid() < claim.uidNext()) {
            recent.add(new long[] {claim.firstUid(), claim.uidNext()});
        }
    }

    /** New keywords: FLAGS and PERMANENTFLAGS again, before the messages that carry them. */
    private void announceKeywords(ResponseWriter out, List<MessageFlags> fresh, List<MessageFlags> flagged)
            throws IOException {
        boolean added = false;
        for (List<MessageFlags> list : List.of(fresh, flagged)) {
            for (MessageFlags message : list) {
                added |= keywords.addAll(new TreeSet<>(message.flags().keywords()));
            }
        }
        if (added) {
            writeFlags(out);
        }
    }

    /** {@code * FLAGS (...)} and {@code * OK [PERMANENTFLAGS (...)]}: what the mailbox has and what the user may set. */
    void writeFlags(ResponseWriter out) throws IOException {
        out.untagged().raw("FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft");
        for (String keyword : keywords) {
            out.sp().raw(keyword);
        }
        out.raw(")").end();
        List<String> permanent = new ArrayList<>();
        if (!readOnly) {
            for (String flag : List.of(Flags.ANSWERED, Flags.FLAGGED, Flags.DELETED, Flags.SEEN, Flags.DRAFT)) {
                if (access.mayStore(flag)) {
                    permanent.add(flag);
                }
            }
            if (access.may('w')) {
                permanent.addAll(keywords);
                if (access.may('k')) {
                    permanent.add("\\*");
                }
            }
        }
        out.untagged().raw("OK [PERMANENTFLAGS (").raw(String.join(" ", permanent)).raw(")] ")
                .raw(readOnly ? "Read-only mailbox" : "Flags permitted").end();
    }

    /** {@code * n FETCH (FLAGS (...))} for the message at {@code index}, with UID and MODSEQ when asked. */
    void fetchFlags(ResponseWriter out, FlagLists lists, int index, boolean flags, boolean modseq, boolean uid)
            throws IOException {
        out.untagged().number(index + 1L).raw(" FETCH (");
        String space = "";
        if (uid) {
            out.raw("UID ").number(view.uid(index));
            space = " ";
        }
        if (flags) {
            out.raw(space).raw("FLAGS ").raw(lists.of(view.flags(index), isRecent(view.uid(index))));
            space = " ";
        }
        if (modseq) {
            out.raw(space).raw("MODSEQ (").number(view.modseq(index)).raw(")");
        }
        out.raw(")").end();
    }
}
