package org.storemulti.store.message;

/**
 * The messages a session is the first to see (\Recent, RFC 3501): UIDs from
 * {@code firstUid} up to, not including, {@code uidNext}. Empty when they are equal.
 */
public record RecentClaim(long firstUid, long uidNext) {

    public boolean isRecent(long uid) {
        return uid >= firstUid && uid < uidNext;
    }
}
