package org.storemulti.imap.session;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.storemulti.imap.command.Command;
import org.storemulti.imap.response.ResponseWriter;
import org.storemulti.store.message.UidSet;

/**
 * SEARCH and UID SEARCH (RFC 3501 6.4.4) with RFC 4731's RETURN (MIN MAX ALL COUNT SAVE),
 * RFC 5182's SAVE and {@code $}, RFC 7162's MODSEQ (the answer carries the highest modseq of
 * the matches) and RFC 5032's YOUNGER/OLDER. CHARSET: the parser decodes the strings in any
 * charset the JDK knows and answers {@code NO [BADCHARSET (UTF-8 US-ASCII)]} for the others.
 */
final class SearchCommand {

    private SearchCommand() {
    }

    static void search(Command.Search command, Context context) throws IOException {
        SelectedMailbox selected = context.selected();
        context.catchUp();
        if (SearchEvaluator.usesModseq(command.key())) {
            context.condstoreUsed();
        }
        int[] found = new SearchEvaluator(selected, command.key(), Instant.now()).run();
        MessageView view = selected.view();
        long[] numbers = new long[found.length];
        long modseq = 0;
        for (int k = 0; k < found.length; k++) {
            int i = found[k];
            numbers[k] = command.uid() ? view.uid(i) : i + 1L;
            modseq = Math.max(modseq, view.modseq(i));
        }
        boolean withModseq = SearchEvaluator.usesModseq(command.key()) && numbers.length > 0;
        ResponseWriter out = context.out();
        if (command.returns().isEmpty()) {
            out.untagged().raw("SEARCH").numbers(numbers);
            if (withModseq) {
                out.raw(" (MODSEQ ").number(modseq).raw(")");
            }
            out.end();
        } else {
            Set<Command.SearchReturn> returns = command.returns().get();
            if (returns.contains(Command.SearchReturn.SAVE)) {
                save(selected, returns, found);
            }
            if (!returns.equals(Set.of(Command.SearchReturn.SAVE))) {
                esearch(out, context.tag(), command.uid(), returns, numbers, withModseq ? modseq : 0);
            }
        }
        context.ok(context.name() + " completed");
    }

    /** RFC 5182 2.1: with MIN or MAX and neither ALL nor COUNT, only those are saved. */
    private static void save(SelectedMailbox selected, Set<Command.SearchReturn> returns, int[] found) {
        MessageView view = selected.view();
        List<Long> uids = new ArrayList<>();
        boolean all = returns.contains(Command.SearchReturn.ALL) || returns.contains(Command.SearchReturn.COUNT)
                || !returns.contains(Command.SearchReturn.MIN) && !returns.contains(Command.SearchReturn.MAX);
        for (int k = 0; k < found.length; k++) {
            boolean min = k == 0 && returns.contains(Command.SearchReturn.MIN);
            boolean max = k == found.length - 1 && returns.contains(Command.SearchReturn.MAX);
            if (all || min || max) {
                uids.add(view.uid(found[k]));
            }
        }
        selected.save(UidSet.of(uids));
    }

    /** {@code * ESEARCH (TAG "t") [UID] MIN n MAX n COUNT n ALL set [MODSEQ m]} (RFC 4731 3.1). */
    private static void esearch(ResponseWriter out, String tag, boolean uid, Set<Command.SearchReturn> returns,
            long[] numbers, long modseq) throws IOException {
        out.untagged().raw("ESEARCH (TAG ").string(tag).raw(")");
        if (uid) {
            out.raw(" UID");
        }
        if (numbers.length > 0 && returns.contains(Command.SearchReturn.MIN)) {
            out.raw(" MIN ").number(numbers[0]);
        }
        if (numbers.length > 0 && returns.contains(Command.SearchReturn.MAX)) {
            out.raw(" MAX ").number(numbers[numbers.length - 1]);
        }
        if (returns.contains(Command.SearchReturn.COUNT)) {
            out.raw(" COUNT ").number(numbers.length);
        }
        if (numbers.length > 0 && returns.contains(Command.SearchReturn.ALL)) {
            out.raw(" ALL ").raw(UidSet.of(numbers).toString());
        }
        if (modseq > 0) {
            out.raw(" MODSEQ ").number(modseq);
        }
        out.end();
    }
}
