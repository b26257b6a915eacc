package org.storemulti.imap.session;

import java.io.IOException;
import java.util.List;

import org.storemulti.imap.command.Command;
import org.storemulti.store.message.Expunged;
import org.storemulti.store.message.UidSet;

/**
 * EXPUNGE and UID EXPUNGE (RFC 3501 6.4.3, RFC 4315 2.1): removes the messages of the view
 * (UID EXPUNGE: of its set) flagged \Deleted, with the {@code e} right, in a read-write
 * mailbox; the client hears EXPUNGE (or VANISHED under QRESYNC) for each, and for what
 * others expunged meanwhile. Messages the client has not been told of yet are left alone.
 */
final class ExpungeCommand {

    private ExpungeCommand() {
    }

    static void expunge(Command.Expunge command, Context context) throws IOException {
        SelectedMailbox selected = context.selected();
        if (selected.readOnly()) {
            context.no("READ-ONLY", "the mailbox is read-only (EXAMINE, or no right to change it)");
            return;
        }
        if (!selected.access().may('e')) {
            context.no("NOPERM", "EXPUNGE in " + selected.mailbox() + " needs the 'e' right, which you do not have there");
            return;
        }
        MessageView view = selected.view();
        UidSet uids = command.uids().isPresent() ? view.uids(MessageSets.byUid(command.uids().get(), selected))
                : view.all();
        if (!uids.isEmpty()) {
            List<Expunged> gone = selected.own(() -> selected.handle().expunge(uids));
            selected.expunged(gone, context.out(), context.qresync());
        }
        context.ok(context.name() + " completed");
    }
}
