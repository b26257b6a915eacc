package org.storemulti.store.message;

import java.util.List;

/**
 * A copy or move: UIDPLUS's COPYUID data (the target's {@code uidValidity}, the source UIDs
 * and the UIDs their copies got, pairwise in order) and the target's new modseq. Source
 * UIDs that did not exist are simply absent.
 */
public record CopyResult(long uidValidity, List<Long> sourceUids, List<Long> targetUids, long modseq) {

    public CopyResult {
        sourceUids = List.copyOf(sourceUids);
        targetUids = List.copyOf(targetUids);
    }
}
