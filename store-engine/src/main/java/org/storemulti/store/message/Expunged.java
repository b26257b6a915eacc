package org.storemulti.store.message;

/** A message that was expunged at {@code modseq}: what QRESYNC's VANISHED and a sync peer need. */
public record Expunged(long uid, String guid, long modseq) {
}
