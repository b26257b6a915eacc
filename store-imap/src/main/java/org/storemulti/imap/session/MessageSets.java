package org.storemulti.imap.session;

import java.util.Arrays;

import org.storemulti.imap.command.SequenceSet;

/**
 * Which messages of the view a sequence set names, as view indices (ascending, distinct):
 * message numbers, or UIDs for the UID commands, or {@code $}, the saved search result (RFC
 * 5182). UIDs that are not in the view are simply not named (RFC 3501 6.4.8); {@code n:*}
 * always includes the last message. A message number past the last one is an error.
 */
final class MessageSets {

    private MessageSets() {
    }

    /** A message number the view does not have; the text is for BAD. */
    static final class OutOfRangeException extends Exception {
        private static final long serialVersionUID = 1L;

        OutOfRangeException(long number, int size) {
            super("no message " + number + ": the mailbox has " + (size == 0 ? "none" : "1:" + size));
        }
    }

    static int[] indices(SequenceSet set, boolean uid, SelectedMailbox selected) throws OutOfRangeException {
        MessageView view = selected.view();
        if (uid || set.saved()) {
            return byUid(set, selected);
        }
        int size = view.size();
        Collector out = new Collector();
        if (size == 0) {
            for (SequenceSet.Range range : set.ranges()) {
                if (range.first() != SequenceSet.LAST && range.last() != SequenceSet.LAST) {
                    throw new OutOfRangeException(Math.min(range.first(), range.last()), size);
                }
            }
            return out.done(); // "*" of an empty mailbox names nothing
        }
        for (SequenceSet.Range range : set.resolve(size)) {
            if (range.last() > size) {
                throw new OutOfRangeException(range.last(), size);
            }
            for (long n = range.first(); n <= range.last(); n++) {
                out.add((int) n - 1);
            }
        }
        return out.done();
    }

    /** Like {@link #indices} but message numbers past the end are left out (SEARCH's sequence keys). */
    static int[] clipped(SequenceSet set, SelectedMailbox selected) {
        if (set.saved()) {
            return savedIndices(selected);
        }
        int size = selected.view().size();
        Collector out = new Collector();
        for (SequenceSet.Range range : set.resolve(size)) {
            for (long n = range.first(); n <= Math.min(range.last(), size); n++) {
                out.add((int) n - 1);
            }
        }
        return out.done();
    }

    /** The messages a UID set (or {@code $}) names; UIDs not in the view name nothing. */
    static int[] byUid(SequenceSet set, SelectedMailbox selected) {
        if (set.saved()) {
            return savedIndices(selected);
        }
        MessageView view = selected.view();
        Collector out = new Collector();
        if (view.size() == 0) {
            return out.done();
        }
        for (SequenceSet.Range range : set.resolve(view.lastUid())) {
            for (int i = view.firstAtLeast(range.first()); i < view.size() && view.uid(i) <= range.last(); i++) {
                out.add(i);
            }
        }
        return out.done();
    }

    private static int[] savedIndices(SelectedMailbox selected) {
        Collector out = new Collector();
        MessageView view = selected.view();
        selected.saved().forEach(uid -> {
            int i = view.indexOf(uid);
            if (i >= 0) {
                out.add(i);
            }
        });
        return out.done();
    }

    /** Indices in the order ranges give them; sorted and made distinct at the end. */
    static final class Collector {
        private int[] items = new int[16];
        private int count;

        void add(int index) {
            if (count == items.length) {
                items = Arrays.copyOf(items, count * 2);
            }
            items[count++] = index;
        }

        int[] done() {
            Arrays.sort(items, 0, count);
            int kept = 0;
            for (int k = 0; k < count; k++) {
                if (kept == 0 || items[k] != items[kept - 1]) {
                    items[kept++] = items[k]; // sorted: a repeat follows its first
                }
            }
            return Arrays.copyOf(items, kept);
        }
    }
}
