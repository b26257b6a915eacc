package org.storemulti.store.mailbox;

import java.util.OptionalLong;

/** A quota root ({@code user/NAME} or a shared mailbox), its limit in KB if any, and its usage. */
public record QuotaUsage(String root, OptionalLong limitKb, long usedBytes) {

    /** Usage in kilobytes, rounded up as quota reports do. */
    public long usedKb() {
        return (usedBytes + 1023) / 1024;
    }
}
