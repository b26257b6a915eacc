package org.storemulti.store.error;

/**
 * Storing would exceed a quota: {@code quota exceeded on example.com user/joe (limit 1000 KB)};
 * the root is {@code (domain)} for the domain quota.
 */
public final class QuotaExceededException extends StoreException {

    public QuotaExceededException(String domain, String root, long limitKb) {
        super("quota exceeded on " + domain + " " + (root.isEmpty() ? "(domain)" : root)
                + " (limit " + limitKb + " KB)");
    }
}
