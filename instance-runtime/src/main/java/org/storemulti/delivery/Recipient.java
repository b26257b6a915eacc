package org.storemulti.delivery;

import java.util.Locale;

/**
 * A recipient address split the way delivery needs it: {@code joe+work@Example.COM} is
 * user {@code joe}, detail {@code work}, domain {@code example.com}. An address without a
 * domain belongs to {@code default_domain}.
 */
public record Recipient(String user, String detail, String domain) {

    /** Parses {@code address}; unqualified addresses fall in {@code defaultDomain}. */
    public static Recipient parse(String address, String defaultDomain) {
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        String domain = (at < 0 ? defaultDomain : address.substring(at + 1)).toLowerCase(Locale.ROOT);
        int plus = local.indexOf('+');
        String user = plus < 0 ? local : local.substring(0, plus);
        String detail = plus < 0 ? "" : local.substring(plus + 1);
        return new Recipient(user.toLowerCase(Locale.ROOT), detail, domain);
    }

    /** The user's INBOX, {@code user/NAME/INBOX}. */
    public String inbox() {
        return "user/" + user + "/INBOX";
    }

    /** The folder the detail names, {@code user/NAME/DETAIL}; empty without a detail. */
    public String detailFolder() {
        return detail.isEmpty() ? "" : "user/" + user + "/" + detail;
    }
}
