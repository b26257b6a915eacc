package org.storemulti.imap.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A sequence set (RFC 3501 {@code sequence-set}): message sequence numbers or UIDs as
 * ranges, as the client wrote them. {@code *} is {@link #LAST} until {@link #resolve}
 * knows the largest number in use; a range may be written in either order ({@code 5:3}
 * is {@code 3:5}). {@code $} (RFC 5182 SEARCHRES) is the {@link #saved()} set: the
 * session substitutes the result of the last {@code SEARCH RETURN (SAVE)}.
 */
public record SequenceSet(List<Range> ranges, boolean saved) {

    /** {@code *}: the largest number in use (the last message, or the highest UID). */
    public static final long LAST = Long.MAX_VALUE;

    /** Largest value a sequence number or UID may take ({@code nz-number} is 32 bits). */
    public static final long MAX = 4_294_967_295L;

    /** One range as written: {@code first:last}, or a single number ({@code first == last}). */
    public record Range(long first, long last) {
        public Range {
            if (first < 1 || last < 1 || (first > MAX && first != LAST) || (last > MAX && last != LAST)) {
                throw new IllegalArgumentException("sequence number out of range: " + first + ":" + last);
            }
        }

        /** The range with {@code *} replaced by {@code max}, low end first. */
        Range resolve(long max) {
            long a = first == LAST ? max : first;
            long b = last == LAST ? max : last;
            return new Range(Math.max(1, Math.min(a, b)), Math.max(1, Math.max(a, b)));
        }

        @Override
        public String toString() {
            return first == last ? text(first) : text(first) + ":" + text(last);
        }

        private static String text(long n) {
            return n == LAST ? "*" : Long.toString(n);
        }
    }

    public SequenceSet {
        ranges = List.copyOf(ranges);
        if (saved != ranges.isEmpty()) {
            throw new IllegalArgumentException("a sequence set is either $ or at least one range");
        }
    }

    /** The set of the given ranges. */
    public static SequenceSet of(List<Range> ranges) {
        return new SequenceSet(ranges, false);
    }

    /** One number. */
    public static SequenceSet of(long n) {
        return of(List.of(new Range(n, n)));
    }

    /** {@code $}: the saved search result. */
    public static SequenceSet savedResult() {
        return new SequenceSet(List.of(), true);
    }

    /**
     * The ranges with {@code *} taken as {@code max}, sorted, overlapping and adjacent
     * ranges merged. With {@code max == 0} (an empty mailbox) {@code *} still counts as 1,
     * as RFC 3501 leaves it to the command to refuse.
     */
    public List<Range> resolve(long max) {
        if (saved) {
            throw new IllegalStateException("$ must be replaced by the saved result first");
        }
        List<Range> sorted = new ArrayList<>();
        for (Range r : ranges) {
            sorted.add(r.resolve(Math.max(1, max)));
        }
        sorted.sort(Comparator.comparingLong(Range::first));
        List<Range> merged = new ArrayList<>();
        for (Range r : sorted) {
            Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r.first() <= last.last() + 1) {
                merged.set(merged.size() - 1, new Range(last.first(), Math.max(last.last(), r.last())));
            } else {
                merged.add(r);
            }
        }
        return merged;
    }

    /** Whether {@code n} is in the set when the largest number in use is {@code max}. */
    public boolean contains(long n, long max) {
        for (Range r : resolve(max)) {
            if (n >= r.first() && n <= r.last()) {
                return true;
            }
        }
        return false;
    }

    /** The wire form: {@code 1:3,5,7:*} or {@code $}. */
    @Override
    public String toString() {
        if (saved) {
            return "$";
        }
        StringBuilder s = new StringBuilder();
        for (Range r : ranges) {
            if (s.length() > 0) {
                s.append(',');
            }
            s.append(r);
        }
        return s.toString();
    }
}
