package org.storemulti.queue;

/** What happened to one queued message in one delivery attempt. */
enum DeliveryOutcome {
    /** Every recipient is delivered; the file is removed. */
    DONE,
    /** Some recipients failed temporarily; the message waits in {@code deferred/}. */
    DEFERRED,
    /** Every recipient left was refused permanently (no such user): waits in {@code hold/} with the reason. */
    HELD,
    /** Too old to retry, or unreadable: moved to {@code corrupt/}. */
    QUARANTINED,
    /** The file disappeared or moved meanwhile (an administrator or another process). */
    GONE
}
