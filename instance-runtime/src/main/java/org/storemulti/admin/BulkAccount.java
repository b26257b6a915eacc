package org.storemulti.admin;

/**
 * A bulkadd line with the command line's defaults and overrides applied: the domain, the
 * user ({@code null} for a domain line), the password as it will be stored (hashed, or
 * {@code null} for no password account), the quota ({@code null} for none), whether to
 * create the INBOX.
 */
record BulkAccount(int line, String domain, String user, String password, Long quotaKb, boolean inbox) {

    BulkAccount withPassword(String stored) {
        return new BulkAccount(line, domain, user, stored, quotaKb, inbox);
    }

    /** What {@code -v} prints: the line as interpreted, never the password. */
    String describe() {
        return user == null
                ? "domain=" + domain + " quota=" + (quotaKb == null ? "none" : quotaKb)
                : "domain=" + domain + " user=" + user + " password=" + (password == null ? "none" : "set")
                        + " quota=" + (quotaKb == null ? "none" : quotaKb) + " inbox=" + (inbox ? 1 : 0);
    }
}
