package org.storemulti.store.message;

import java.time.Instant;

/** A message as a mailbox listing shows it. {@code size} counts the message bytes only. */
public record MessageInfo(long uid, long size, Flags flags, Instant internalDate) {
}
