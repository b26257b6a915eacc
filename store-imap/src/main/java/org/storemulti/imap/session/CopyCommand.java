package org.storemulti.imap.session;

import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.storemulti.imap.command.MailboxName;
import org.storemulti.imap.command.Command;
import org.storemulti.imap.command.SequenceSet;
import org.storemulti.imap.mailbox.InvalidMailboxNameException;
import org.storemulti.imap.mailbox.MailboxAccess;
import org.storemulti.imap.mailbox.StoreMailbox;
import org.storemulti.imap.message.FlagLists;
import org.storemulti.imap.response.Status;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.QuotaExceededException;
import org.storemulti.store.message.CopyResult;
import org.storemulti.store.message.FlagChange;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MailboxHandle;
import org.storemulti.store.message.UidSet;

/**
 * COPY and MOVE, with their UID forms (RFC 3501 6.4.7, RFC 6851, RFC 4315's COPYUID). The
 * target is named like any mailbox and needs the {@code i} right; a target that does not
 * exist is {@code NO [TRYCREATE]}. The copies keep only the flags the user may set there
 * (RFC 4314 4). MOVE needs a read-write source and the {@code t} and {@code e} rights on it
 * (storing \Deleted and expunging: what a client would otherwise do by hand); the client
 * hears COPYUID in an untagged OK, then EXPUNGE (or VANISHED) for each moved message. Over
 * quota changes nothing: {@code NO [OVERQUOTA]}.
 */
final class CopyCommand {

    private CopyCommand() {
    }

    static void copy(Command.Copy command, Context context) throws IOException {
        run(context, command.uid(), command.set(), command.target(), false);
    }

    static void move(Command.Move command, Context context) throws IOException {
        run(context, command.uid(), command.set(), command.target(), true);
    }

    private static void run(Context context, boolean uid, SequenceSet set, MailboxName targetName, boolean move)
            throws IOException {
        SelectedMailbox selected = context.selected();
        String name = context.name();
        if (move && selected.readOnly()) {
            context.no("READ-ONLY", "the mailbox is read-only (EXAMINE, or no right to change it)");
            return;
        }
        if (move && !(selected.access().may('t') && selected.access().may('e'))) {
            context.no("NOPERM", name + " out of " + selected.mailbox()
                    + " needs the 't' and 'e' rights, which you do not have there");
            return;
        }
        int[] indices;
        try {
            indices = MessageSets.indices(set, uid, selected);
        } catch (MessageSets.OutOfRangeException e) {
            context.bad(e.getMessage());
            return;
        }
        Optional<Target> target = target(context, targetName, name);
        if (target.isEmpty()) {
            return;
        }
        int[] live = selected.live(indices);
        if (live.length == 0) {
            context.ok(name + " completed (no messages)");
            return;
        }
        UidSet uids = selected.view().uids(live);
        CopyResult result;
        try {
            result = move ? selected.read(() -> selected.handle().move(uids, target.get().handle()))
                    : selected.read(() -> selected.handle().copy(uids, target.get().handle()));
        } catch (QuotaExceededException e) {
            context.no("OVERQUOTA", e.getMessage());
            return;
        } catch (SelectedMailbox.DeletedException e) {
            if (selectedStillThere(selected)) {
                context.no("TRYCREATE", "no mailbox " + target.get().mailbox() + " (it was just deleted)");
                return;
            }
            throw e;
        }
        dropForbiddenFlags(selected, live, target.get(), result);
        String copyUid = "COPYUID " + result.uidValidity() + " " + UidSet.of(result.sourceUids()) + " "
                + UidSet.of(result.targetUids());
        if (!move) {
            context.ok(result.sourceUids().isEmpty() ? null : copyUid, name + " completed");
            return;
        }
        if (!result.sourceUids().isEmpty()) {
            context.out().status(null, Status.OK, copyUid, "moved");
        }
        selected.expungedUids(result.sourceUids(), context.out(), context.qresync());
        context.ok(name + " completed");
    }

    private record Target(StoreMailbox mailbox, MailboxAccess access, MailboxHandle handle) {
    }

    /** The target mailbox and the user's rights there, or empty after answering NO. */
    private static Optional<Target> target(Context context, MailboxName name, String command) throws IOException {
        StoreMailbox mailbox;
        try {
            mailbox = context.mailboxes().resolve(name);
        } catch (InvalidMailboxNameException e) {
            context.no("CANNOT", e.getMessage());
            return Optional.empty();
        }
        MailboxAccess access = MailboxAccess.of(context.store(), context.mailboxes(), mailbox);
        if (!access.exists()) {
            context.no("TRYCREATE", "no mailbox " + mailbox);
            return Optional.empty();
        }
        Optional<MailboxAccess.Refusal> refusal = access.refusal('i', command + " into");
        if (refusal.isPresent()) {
            context.no(refusal.get().code(), refusal.get().text());
            return Optional.empty();
        }
        try {
            return Optional.of(new Target(mailbox, access,
                    context.store().messages().mailbox(mailbox.domain(), mailbox.name())));
        } catch (NotFoundException e) {
            context.no("TRYCREATE", "no mailbox " + mailbox);
            return Optional.empty();
        }
    }

    private static boolean selectedStillThere(SelectedMailbox selected) {
        try {
            selected.handle().state();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** RFC 4314 4: a copy keeps only the flags the user may set in the target. */
    private static void dropForbiddenFlags(SelectedMailbox selected, int[] copied, Target target,
            CopyResult result) {
        Set<String> forbidden = new HashSet<>();
        for (int i : copied) {
            for (String flag : FlagLists.ordered(selected.view().flags(i))) {
                if (!target.access().mayStore(flag)) {
                    forbidden.add(flag);
                }
            }
        }
        if (!forbidden.isEmpty() && !result.targetUids().isEmpty()) {
            target.handle().store(UidSet.of(result.targetUids()), FlagChange.remove(Flags.of(forbidden)), -1);
        }
    }
}
