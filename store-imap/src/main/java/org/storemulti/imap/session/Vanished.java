package org.storemulti.imap.session;

import org.storemulti.imap.command.SequenceSet;

/**
 * The UIDs of a set that the view does not have, as an IMAP set, for VANISHED (EARLIER) when
 * the expunge log no longer reaches back far enough (RFC 7162 3.2.5 lets the server name UIDs
 * that never existed). Works on ranges: a set up to 4,294,967,295 costs what its gaps cost.
 */
final class Vanished {

    private Vanished() {
    }

    /** {@code 3:5,9}, or the empty string when the view has every UID of {@code uids} (up to its last UID). */
    static String missing(SequenceSet uids, MessageView view) {
        StringBuilder out = new StringBuilder();
        long last = Math.max(1, view.lastUid());
        for (SequenceSet.Range range : uids.resolve(last)) {
            long from = range.first();
            long to = Math.min(range.last(), last);
            int i = view.firstAtLeast(from);
            while (from <= to) {
                long next = i < view.size() ? view.uid(i) : Long.MAX_VALUE;
                if (next > from) {
                    append(out, from, Math.min(to, next - 1));
                }
                from = next == Long.MAX_VALUE ? to + 1 : next + 1;
                i++;
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, long from, long to) {
        if (out.length() > 0) {
            out.append(',');
        }
        out.append(from);
        if (to > from) {
            out.append(':').append(to);
        }
    }
}
