package org.storemulti.spool;

import java.nio.file.attribute.FileTime;
import java.util.Objects;

import org.storemulti.sync.mbox.MailboxOwnership;
import org.storemulti.sync.mbox.MboxState;

/**
 * What a save saw of one mailbox file: its name in the spool, size, modify and access times
 * (as they were before the save read it, and are again after), owner, group and mode (by name,
 * and the numbers they had here), and the SHA-256 of the bytes archived.
 */
record ManifestEntry(String name, long size, FileTime modified, FileTime accessed, MailboxOwnership ownership,
        int uid, int gid, String sha256) {

    public ManifestEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(accessed, "accessed");
        Objects.requireNonNull(ownership, "ownership");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** The save decision's view of it: size and mtime. */
    public MboxState state() {
        return new MboxState(size, modified);
    }
}
