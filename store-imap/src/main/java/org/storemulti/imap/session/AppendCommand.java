package org.storemulti.imap.session;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.storemulti.imap.command.Command;
import org.storemulti.imap.command.Flag;
import org.storemulti.imap.mailbox.MailboxAccess;
import org.storemulti.imap.mailbox.StoreMailbox;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.message.DeliveryPipeline;
import org.storemulti.store.message.DeliveryResult;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MailboxHandle;
import org.storemulti.store.message.UidSet;

/**
 * APPEND (RFC 3501 6.3.11) with RFC 3502 MULTIAPPEND and RFC 4315's APPENDUID: each
 * message enters the engine's one delivery pipeline at its quota and store stages
 * ({@link DeliveryPipeline#append}: streamed from the literal, MIME structure cached, GUID
 * and modseq given, quota checked, group-committed; durable when the OK is sent). Needs the
 * {@code i} right; the flags the user may not set there are dropped (RFC 4314 4),
 * {@code \Recent} is never stored. A mailbox that does not exist is {@code NO [TRYCREATE]};
 * over quota, {@code NO [OVERQUOTA]}; a storage failure, {@code NO [UNAVAILABLE]}.
 * MULTIAPPEND is all or nothing: when a later message fails, the ones already stored are
 * expunged again. The message size limit is the literal's ({@code NO [TOOBIG]} before it is
 * sent), and a client that goes away inside a literal never reaches this command: nothing
 * of it is stored.
 */
final class AppendCommand {

    private AppendCommand() {
    }

    static void append(Command.Append command, Context context) throws IOException {
        Optional<StoreMailbox> resolved = MailboxNames.resolve(context, command.mailbox());
        if (resolved.isEmpty()) {
            return;
        }
        StoreMailbox mailbox = resolved.get();
        MailboxAccess access = MailboxNames.access(context, mailbox);
        if (!access.exists()) {
            context.no("TRYCREATE", "no mailbox " + mailbox);
            return;
        }
        Optional<MailboxAccess.Refusal> refusal = access.refusal('i', "APPEND to");
        if (refusal.isPresent()) {
            context.no(refusal.get().code(), refusal.get().text());
            return;
        }
        MailboxHandle target;
        try {
            target = context.store().messages().mailbox(mailbox.domain(), mailbox.name());
        } catch (NotFoundException e) {
            context.no("TRYCREATE", "no mailbox " + mailbox);
            return;
        }
        List<Long> uids = new ArrayList<>();
        long uidValidity = 0;
        for (Command.AppendMessage message : command.messages()) {
            DeliveryResult result = store(context.backend().pipeline(), target, message, access);
            if (!(result instanceof DeliveryResult.Stored stored)) {
                undo(target, uids);
                refuse(context, mailbox, result);
                return;
            }
            uids.add(stored.uid());
            uidValidity = stored.uidValidity();
        }
        context.ok("APPENDUID " + uidValidity + " " + UidSet.of(uids), "APPEND completed");
    }

    private static DeliveryResult store(DeliveryPipeline pipeline, MailboxHandle target, Command.AppendMessage message,
            MailboxAccess access) throws IOException {
        List<String> flags = new ArrayList<>();
        for (Flag flag : message.flags()) {
            if (!flag.equals(Flag.RECENT) && access.mayStore(flag.name())) {
                flags.add(flag.name());
            }
        }
        Instant date = message.internalDate().map(d -> d.toInstant()).orElse(null);
        try (InputStream content = message.message().open()) {
            return pipeline.append(target, content, Flags.of(flags), date);
        }
    }

    /** The tagged NO for a message the pipeline did not store. */
    private static void refuse(Context context, StoreMailbox mailbox, DeliveryResult result) throws IOException {
        if (result instanceof DeliveryResult.OverQuota over) {
            context.no("OVERQUOTA", over.toException().getMessage());
        } else if (result instanceof DeliveryResult.UnknownMailbox) {
            context.no("TRYCREATE", "no mailbox " + mailbox + " (it was just deleted)");
        } else {
            context.log("imap: APPEND to " + mailbox.name() + " for " + context.user() + ": " + result);
            context.no("UNAVAILABLE", "the store cannot take the message now; try again later");
        }
    }

    /** MULTIAPPEND is all or nothing: the messages stored before the failure are expunged again. */
    private static void undo(MailboxHandle target, List<Long> uids) {
        if (!uids.isEmpty()) {
            target.remove(UidSet.of(uids));
        }
    }
}
