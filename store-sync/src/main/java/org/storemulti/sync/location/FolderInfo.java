package org.storemulti.sync.location;

import java.util.Set;

/**
 * A mailbox as the sync compares it: {@code name} (the user's folder name), {@code guid} (names
 * it across renames), {@code uidValidity}, {@code uidNext}, {@code highestModseq} (0 without
 * {@link Capability#MODSEQS}), {@code messages} (count), {@code token} and {@code specialUse}.
 *
 * <p>{@code token} is the location's change token, opaque to the sync: equal tokens (and counts)
 * mean nothing changed. The sync keeps the token a mailbox had at the end of its last sync in the
 * pair's state and hands it back to {@link Folder#changesSince}; a location without modseqs puts
 * here what it needs to know next time (file sizes and times, say). One line of text, any length.
 * With modseqs it is the highest modseq in decimal.
 */
public record FolderInfo(String name, String guid, long uidValidity, long uidNext, long highestModseq, long messages,
        String token, Set<String> specialUse) {

    public FolderInfo {
        specialUse = Set.copyOf(specialUse);
        if (token.indexOf('\n') >= 0 || token.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a change token is one line: " + token);
        }
    }

    /** The same mailbox under another name (after a rename). */
    public FolderInfo withName(String newName) {
        return new FolderInfo(newName, guid, uidValidity, uidNext, highestModseq, messages, token, specialUse);
    }
}
