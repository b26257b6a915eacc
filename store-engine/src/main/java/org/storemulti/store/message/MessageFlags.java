package org.storemulti.store.message;

/** A message's flags as of {@code modseq}, with its UID and GUID: what a flag change or a changes query reports. */
public record MessageFlags(long uid, String guid, long modseq, Flags flags) {
}
