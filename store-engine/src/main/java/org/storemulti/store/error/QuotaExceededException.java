package org.storemulti.store.error;

/** Storing would exceed a quota: {@code quota exceeded on example.com user/joe: 1200 KB of 1000 KB}. */
public final class QuotaExceededException extends StoreException {

    public QuotaExceededException(String domain, String root, long neededKb, long limitKb) {
        super("quota exceeded on " + domain + " " + (root.isEmpty() ? "(domain)" : root)
                + ": " + neededKb + " KB of " + limitKb + " KB");
    }
}
