package org.storemulti.store.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.LongConsumer;
import org.storemulti.store.error.InvalidArgumentException;

/**
 * A set of UIDs as sorted, disjoint, non-adjacent ranges, so {@code 1:*} of a large mailbox
 * costs two numbers. Written and parsed in IMAP's sequence-set form ({@code 1:3,7,9:*},
 * {@code *} = the largest UID).
 */
public final class UidSet {

    /** Every UID. */
    public static final UidSet ALL = new UidSet(new long[] {1}, new long[] {Long.MAX_VALUE});
    public static final UidSet EMPTY = new UidSet(new long[0], new long[0]);

    private final long[] starts;
    private final long[] ends;

    private UidSet(long[] starts, long[] ends) {
        this.starts = starts;
        this.ends = ends;
    }

    /** The UIDs {@code from} to {@code to}, both included. */
    public static UidSet range(long from, long to) {
        return from > to ? EMPTY : new UidSet(new long[] {from}, new long[] {to});
    }

    public static UidSet of(long... uids) {
        long[] sorted = uids.clone();
        Arrays.sort(sorted);
        Builder builder = new Builder();
        for (long uid : sorted) {
            builder.add(uid, uid);
        }
        return builder.build();
    }

    public static UidSet of(Collection<Long> uids) {
        return of(uids.stream().mapToLong(Long::longValue).toArray());
    }

    /** Parses {@code 1:3,7,9:*}; {@code *} stands for {@link Long#MAX_VALUE}. */
    public static UidSet parse(String text) {
        List<long[]> ranges = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            int colon = part.indexOf(':');
            long a = number(text, colon < 0 ? part : part.substring(0, colon));
            long b = colon < 0 ? a : number(text, part.substring(colon + 1));
            ranges.add(new long[] {Math.min(a, b), Math.max(a, b)});
        }
        ranges.sort((x, y) -> Long.compare(x[0], y[0]));
        Builder builder = new Builder();
        ranges.forEach(r -> builder.add(r[0], r[1]));
        return builder.build();
    }

    private static long number(String text, String part) {
        if (part.equals("*")) {
            return Long.MAX_VALUE;
        }
        try {
            long n = Long.parseLong(part);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new InvalidArgumentException("UID set", text, "expected numbers > 0, ranges a:b and *, comma-separated");
    }

    public boolean isEmpty() {
        return starts.length == 0;
    }

    public boolean contains(long uid) {
        int i = Arrays.binarySearch(starts, uid);
        int range = i >= 0 ? i : -i - 2;
        return range >= 0 && uid <= ends[range];
    }

    /** Number of ranges. */
    public int rangeCount() {
        return starts.length;
    }

    public long start(int range) {
        return starts[range];
    }

    public long end(int range) {
        return ends[range];
    }

    /** The smallest UID, or 0 if empty. */
    public long min() {
        return isEmpty() ? 0 : starts[0];
    }

    /** The largest UID, or 0 if empty. */
    public long max() {
        return isEmpty() ? 0 : ends[ends.length - 1];
    }

    /** Every UID in order (for sets without {@code *}). */
    public void forEach(LongConsumer action) {
        for (int r = 0; r < starts.length; r++) {
            for (long uid = starts[r]; uid <= ends[r] && uid > 0; uid++) {
                action.accept(uid);
                if (uid == Long.MAX_VALUE) {
                    break;
                }
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UidSet set && Arrays.equals(starts, set.starts) && Arrays.equals(ends, set.ends);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(starts) * 31 + Arrays.hashCode(ends);
    }

    /** IMAP form: {@code 1:3,7}; {@code *} for {@link Long#MAX_VALUE}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < starts.length; r++) {
            if (r > 0) {
                text.append(',');
            }
            text.append(starts[r]);
            if (ends[r] != starts[r]) {
                text.append(':').append(ends[r] == Long.MAX_VALUE ? "*" : Long.toString(ends[r]));
            }
        }
        return text.toString();
    }

    /** Collects ranges given in ascending order of their starts, merging overlaps and neighbours. */
    static final class Builder {
        private final List<long[]> ranges = new ArrayList<>();

        Builder add(long from, long to) {
            if (!ranges.isEmpty()) {
                long[] last = ranges.get(ranges.size() - 1);
                if (from <= last[1] + 1 && last[1] != Long.MAX_VALUE || from <= last[1]) {
                    last[1] = Math.max(last[1], to);
                    return this;
                }
            }
            ranges.add(new long[] {from, to});
            return this;
        }

        UidSet build() {
            long[] starts = new long[ranges.size()];
            long[] ends = new long[ranges.size()];
            for (int i = 0; i < ranges.size(); i++) {
                starts[i] = ranges.get(i)[0];
                ends[i] = ranges.get(i)[1];
            }
            return new UidSet(starts, ends);
        }
    }
}
