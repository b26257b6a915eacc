package org.storemulti.imap.session;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.storemulti.imap.command.Command;
import org.storemulti.imap.command.Flag;
import org.storemulti.imap.mailbox.MailboxAccess;
import org.storemulti.imap.message.FlagLists;
import org.storemulti.store.message.FlagChange;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MessageFlags;
import org.storemulti.store.message.StoreResult;
import org.storemulti.store.message.UidSet;

/**
 * STORE and UID STORE (RFC 3501 6.4.6) with .SILENT and RFC 7162's UNCHANGEDSINCE
 * ({@code OK [MODIFIED ...]} for the messages changed after it). Flags the user has no right
 * to change are left alone (RFC 4314 4: {@code s} for \Seen, {@code t} for \Deleted,
 * {@code w} for the rest; a keyword new to the mailbox also needs {@code k}); only when
 * nothing asked is allowed is the answer NO. Keywords match the mailbox's existing ones
 * without regard to case (RFC 3501 2.3.2). \Recent is the server's (the parser refuses it).
 */
final class StoreCommand {

    private StoreCommand() {
    }

    static void store(Command.StoreFlags command, Context context) throws IOException {
        SelectedMailbox selected = context.selected();
        if (selected.readOnly()) {
            context.no("READ-ONLY", "the mailbox is read-only (EXAMINE, or no right to change it)");
            return;
        }
        if (command.unchangedSince().isPresent()) {
            context.condstoreUsed();
        }
        context.catchUp();
        int[] indices;
        try {
            indices = MessageSets.indices(command.set(), command.uid(), selected);
        } catch (MessageSets.OutOfRangeException e) {
            context.bad(e.getMessage());
            return;
        }
        Set<String> asked = new LinkedHashSet<>();
        for (Flag flag : command.flags()) {
            if (flag.isSystem() && !Flag.SYSTEM.contains(flag)) {
                context.bad("unknown system flag " + flag + " (system flags: \\Answered \\Flagged \\Deleted \\Seen \\Draft)");
                return;
            }
            asked.add(flag.isSystem() ? flag.name() : known(selected, flag.name()));
        }
        Set<String> allowed = allowed(asked, selected);
        if (!asked.isEmpty() && allowed.isEmpty()) {
            context.no("NOPERM", "you may not change " + String.join(" ", asked) + " in " + selected.mailbox());
            return;
        }
        MessageView view = selected.view();
        int[] live = selected.live(indices);
        UidSet uids = view.uids(live);
        long unchangedSince = command.unchangedSince().orElse(-1);
        List<StoreResult> results = new ArrayList<>();
        for (FlagChange change : changes(command.mode(), allowed, selected)) {
            results.add(selected.own(() -> selected.handle().store(uids, change, unchangedSince)));
        }
        int keywordsBefore = selected.keywords().size();
        Set<Long> changed = new HashSet<>();
        UidSet refused = UidSet.EMPTY;
        for (StoreResult result : results) {
            for (MessageFlags m : result.changed()) {
                int i = view.indexOf(m.uid());
                if (i >= 0) {
                    view.update(i, m.flags(), m.modseq());
                    changed.add(m.uid());
                }
                selected.keywords().addAll(m.flags().keywords());
            }
            refused = result.refused().isEmpty() ? refused : result.refused();
        }
        if (selected.keywords().size() > keywordsBefore) {
            selected.writeFlags(context.out()); // a new keyword: FLAGS and PERMANENTFLAGS again
        }
        respond(command, context, live, changed, refused);
    }

    private static void respond(Command.StoreFlags command, Context context, int[] live, Set<Long> changed,
            UidSet refused) throws IOException {
        SelectedMailbox selected = context.selected();
        MessageView view = selected.view();
        FlagLists lists = new FlagLists();
        boolean condstore = context.condstore();
        List<Long> modified = new ArrayList<>();
        for (int i : live) {
            long uid = view.uid(i);
            if (refused.contains(uid)) {
                modified.add(command.uid() ? uid : i + 1L);
            } else if (!command.silent()) {
                selected.fetchFlags(context.out(), lists, i, true, condstore, command.uid());
            } else if (condstore && changed.contains(uid)) {
                // RFC 7162 3.1.3: even .SILENT tells the new modseq
                selected.fetchFlags(context.out(), lists, i, false, true, command.uid());
            }
        }
        if (!modified.isEmpty()) {
            context.ok("MODIFIED " + UidSet.of(modified), "conditional STORE failed for some messages");
        } else {
            context.ok(context.name() + " completed");
        }
    }

    /** A keyword as the mailbox already spells it, else as asked. */
    private static String known(SelectedMailbox selected, String keyword) {
        for (String existing : selected.keywords()) {
            if (existing.equalsIgnoreCase(keyword)) {
                return existing;
            }
        }
        return keyword;
    }

    private static Set<String> allowed(Set<String> asked, SelectedMailbox selected) {
        MailboxAccess access = selected.access();
        Set<String> allowed = new LinkedHashSet<>();
        for (String flag : asked) {
            boolean newKeyword = !flag.startsWith("\\") && !selected.keywords().contains(flag);
            if (access.mayStore(flag) && (!newKeyword || access.may('k'))) {
                allowed.add(flag);
            }
        }
        return allowed;
    }

    /**
     * The engine changes: one, unless FLAGS (replace) would clear flags the user may not
     * change; then those are kept by adding the allowed ones and removing the other
     * changeable ones.
     */
    private static List<FlagChange> changes(Command.StoreMode mode, Set<String> allowed, SelectedMailbox selected) {
        Flags flags = Flags.of(allowed);
        MailboxAccess access = selected.access();
        switch (mode) {
            case ADD:
                return List.of(FlagChange.add(flags));
            case REMOVE:
                return List.of(FlagChange.remove(flags));
            default:
                if (access.may('s') && access.may('t') && access.may('w')) {
                    return List.of(FlagChange.replace(flags));
                }
                Set<String> changeable = new HashSet<>();
                for (String flag : List.of(Flags.ANSWERED, Flags.FLAGGED, Flags.DELETED, Flags.SEEN, Flags.DRAFT)) {
                    if (access.mayStore(flag)) {
                        changeable.add(flag);
                    }
                }
                if (access.may('w')) {
                    changeable.addAll(selected.keywords());
                }
                changeable.removeAll(allowed);
                return List.of(FlagChange.add(flags), FlagChange.remove(Flags.of(changeable)));
        }
    }
}
