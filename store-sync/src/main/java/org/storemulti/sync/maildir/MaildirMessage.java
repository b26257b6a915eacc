package org.storemulti.sync.maildir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One message of a maildir folder as a listing found it.
 *
 * @param uid its UID from {@code dovecot-uidlist}
 * @param guid its GUID: the uidlist's {@code G} field, else the base name when that is 32 hex
 *        digits, else the last 128 bits of the base name's SHA-1 (how Dovecot makes a 128-bit
 *        GUID of a string one), so the same file always has the same GUID
 * @param file where the file was when listed (a flag change by another program renames it)
 * @param flags system flags as IMAP spells them and keywords, in one set as the store keeps them
 * @param internalDate the file's modify time (Dovecot's INTERNALDATE for maildir)
 * @param size the file's size in bytes
 */
record MaildirMessage(long uid, String guid, Path file, Set<String> flags, Instant internalDate, long size) {

    public MaildirMessage {
        Objects.requireNonNull(guid, "guid");
        Objects.requireNonNull(file, "file");
        flags = Set.copyOf(flags);
        Objects.requireNonNull(internalDate, "internalDate");
    }

    /** The base of the file name: what names the message across renames. */
    public String base() {
        return FileName.baseOf(file.getFileName().toString());
    }
}
