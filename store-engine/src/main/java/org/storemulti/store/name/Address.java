package org.storemulti.store.name;

import java.util.Locale;

/**
 * A mail address as delivery reads it: the local part as written (user names are matched
 * later, without regard to case) and the domain in lower case. An address without
 * {@code @} belongs to the default domain the caller gives.
 */
public record Address(String localPart, String domain) {

    /** Splits {@code address} at its last {@code @}; unqualified addresses fall in {@code defaultDomain}. */
    public static Address parse(String address, String defaultDomain) {
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        String domain = at < 0 ? defaultDomain : address.substring(at + 1);
        return new Address(local, domain.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }
}
