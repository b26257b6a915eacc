package org.storemulti.sync.location;

import java.util.List;

/**
 * What {@link Folder#setFlags} did: the highest {@code modseq} it gave (0 if nothing changed or
 * no modseqs) and the UIDs it {@code refused} because they changed after the caller's
 * unchanged-since modseq.
 */
public record FlagResult(long modseq, List<Long> refused) {

    public FlagResult {
        refused = List.copyOf(refused);
    }
}
