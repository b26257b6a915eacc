package org.storemulti.store.message;

import java.util.List;

/**
 * What a flag change did: the messages whose flags changed, with their new flags and the
 * one {@code modseq} they all got (0 when nothing changed), and the UIDs refused because
 * they changed after the caller's UNCHANGEDSINCE (CONDSTORE's MODIFIED). Messages already
 * as asked are in neither list and keep their modseq.
 */
public record StoreResult(long modseq, List<MessageFlags> changed, UidSet refused) {

    public StoreResult {
        changed = List.copyOf(changed);
    }
}
