package org.storemulti.store.message;

import java.util.List;

/**
 * The answer to "what was expunged since modseq N": exactly the messages expunged after N,
 * or, when N is below the mailbox's retention low-water mark, that the log no longer
 * knows and the caller must resynchronize fully (compare UIDs). Never a partial list.
 */
public sealed interface ExpungeHistory {

    /** Every message expunged after the modseq asked about, by UID. */
    record Known(List<Expunged> expunged) implements ExpungeHistory {
        public Known {
            expunged = List.copyOf(expunged);
        }
    }

    /** The log was pruned up to {@code floor}: asked below it, only a full resync tells. */
    record Forgotten(long floor) implements ExpungeHistory {
    }
}
