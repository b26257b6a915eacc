package org.storemulti.sync.location;

import java.util.List;
import org.storemulti.store.message.Expunged;

/**
 * What changed in a mailbox after a token, read in one consistent snapshot: the state now, the
 * messages new or with changed flags (UID order), and the messages expunged (with their GUIDs).
 */
public record FolderChanges(FolderInfo info, List<MessageMeta> changed, List<Expunged> expunged) {

    public FolderChanges {
        changed = List.copyOf(changed);
        expunged = List.copyOf(expunged);
    }
}
