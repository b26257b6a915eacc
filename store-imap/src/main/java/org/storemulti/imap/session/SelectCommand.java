package org.storemulti.imap.session;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.storemulti.imap.command.Command;
import org.storemulti.imap.command.SequenceSet;
import org.storemulti.imap.mailbox.InvalidMailboxNameException;
import org.storemulti.imap.mailbox.MailboxAccess;
import org.storemulti.imap.mailbox.StoreMailbox;
import org.storemulti.imap.message.FlagLists;
import org.storemulti.imap.response.Status;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.message.ExpungeHistory;
import org.storemulti.store.message.Expunged;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MailboxChanges;
import org.storemulti.store.message.MailboxHandle;
import org.storemulti.store.message.MessageFlags;
import org.storemulti.store.message.UidSet;

/**
 * SELECT and EXAMINE (RFC 3501 6.3.1-2), with RFC 7162's CONDSTORE and QRESYNC parameters:
 * FLAGS, PERMANENTFLAGS (what the user's rights let it set), EXISTS, RECENT, UNSEEN,
 * UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ, and under QRESYNC the client's missed expunges
 * (VANISHED (EARLIER)) and flag changes. READ-WRITE when the user has any of the rights
 * i, e, s, w, t (RFC 4314 5.2) and the command is SELECT; EXAMINE never claims \Recent.
 * A mailbox already selected is closed first ({@code OK [CLOSED]}), also when the new one
 * cannot be opened.
 */
final class SelectCommand {

    private SelectCommand() {
    }

    static void select(Command.Select command, Context context) throws IOException {
        String name = command.readOnly() ? "EXAMINE" : "SELECT";
        if (context.selected() != null) {
            context.deselect();
            context.out().status(null, Status.OK, "CLOSED", "previous mailbox closed");
        }
        if (command.qresync().isPresent() && !context.qresync()) {
            context.bad("the QRESYNC parameter needs ENABLE QRESYNC first (RFC 7162 3.2.5)");
            return;
        }
        StoreMailbox mailbox;
        try {
            mailbox = context.mailboxes().resolve(command.mailbox());
        } catch (InvalidMailboxNameException e) {
            context.no("CANNOT", e.getMessage());
            return;
        }
        MailboxAccess access = MailboxAccess.of(context.store(), context.mailboxes(), mailbox);
        Optional<MailboxAccess.Refusal> refusal = access.refusal('r', name);
        if (refusal.isPresent()) {
            context.no(refusal.get().code(), refusal.get().text());
            return;
        }
        MailboxHandle handle;
        try {
            handle = context.store().messages().mailbox(mailbox.domain(), mailbox.name());
        } catch (NotFoundException e) {
            context.no("NONEXISTENT", "no mailbox " + mailbox);
            return;
        }
        if (command.condstore()) {
            context.condstoreUsed();
        }
        SelectedMailbox selected = context.select(handle, mailbox, access, command.readOnly() || !access.writable());
        describe(selected, context);
        if (command.qresync().isPresent()) {
            resynchronize(selected, command.qresync().get(), context);
        }
        context.ok(selected.readOnly() ? "READ-ONLY" : "READ-WRITE", name + " completed");
    }

    private static void describe(SelectedMailbox selected, Context context) throws IOException {
        MessageView view = selected.view();
        var out = context.out();
        selected.writeFlags(out);
        out.untagged().number(view.size()).raw(" EXISTS").end();
        out.untagged().number(selected.recentCount()).raw(" RECENT").end();
        for (int i = 0; i < view.size(); i++) {
            if (!view.flags(i).has(Flags.SEEN)) {
                out.untagged().raw("OK [UNSEEN ").number(i + 1L).raw("] First unseen").end();
                break;
            }
        }
        out.untagged().raw("OK [UIDVALIDITY ").number(selected.uidValidity()).raw("] UIDs valid").end();
        out.untagged().raw("OK [UIDNEXT ").number(selected.opened().uidNext()).raw("] Predicted next UID").end();
        out.untagged().raw("OK [HIGHESTMODSEQ ").number(selected.opened().highestModseq()).raw("] Highest").end();
    }

    /**
     * RFC 7162 3.2.5: when the client's UIDVALIDITY is still right, what it missed since its
     * modseq: VANISHED (EARLIER) for the expunged UIDs (of its known UIDs, when it says which),
     * then FETCH (UID FLAGS MODSEQ) for every message changed since.
     */
    private static void resynchronize(SelectedMailbox selected, Command.Qresync qresync, Context context)
            throws IOException {
        if (qresync.uidValidity() != selected.uidValidity()) {
            return; // the client's cache is useless: it starts again
        }
        MailboxChanges changes = selected.read(() -> selected.handle().changesSince(qresync.modseq()));
        MessageView view = selected.view();
        Optional<SequenceSet> known = qresync.knownUids();
        List<Long> vanished = new ArrayList<>();
        if (changes.expunged() instanceof ExpungeHistory.Known history) {
            for (Expunged e : history.expunged()) {
                if (view.indexOf(e.uid()) < 0 && (known.isEmpty() || known.get().contains(e.uid(), view.lastUid()))) {
                    vanished.add(e.uid());
                }
            }
        }
        String missing = changes.expunged() instanceof ExpungeHistory.Known ? UidSet.of(vanished).toString()
                : Vanished.missing(known.orElse(SequenceSet.of(List.of(new SequenceSet.Range(1, SequenceSet.LAST)))),
                        view);
        if (!missing.isEmpty()) {
            context.out().untagged().raw("VANISHED (EARLIER) ").raw(missing).end();
        }
        FlagLists lists = new FlagLists();
        for (MessageFlags message : changes.changed()) {
            int i = view.indexOf(message.uid());
            if (i >= 0 && (known.isEmpty() || known.get().contains(message.uid(), view.lastUid()))) {
                selected.fetchFlags(context.out(), lists, i, true, true, true);
            }
        }
    }

    static void close(Command.Close command, Context context) throws IOException {
        SelectedMailbox selected = context.selected();
        if (!selected.readOnly() && selected.access().may('e')) {
            // RFC 3501 6.4.2: expunged silently; without 'e' the mailbox just closes (RFC 4314 4)
            selected.own(() -> selected.handle().expunge(selected.view().all()));
        }
        context.deselect();
        context.ok("CLOSE completed");
    }

    static void unselect(Command.Unselect command, Context context) throws IOException {
        context.deselect();
        context.ok("UNSELECT completed");
    }

    /** CHECK: the store is always durable; changes are reported like NOOP's. */
    static void check(Command.Check command, Context context) throws IOException {
        context.ok("CHECK completed");
    }
}
