package org.storemulti.store.auth;

/** A password account as {@code auth_get} shows it: login name, expiry, enabled flag. */
public record AuthAccount(String authId, Expiry expiry, boolean enabled) {

    /** The seed's three fields: {@code authid expiry 1|0}. */
    public String toLine() {
        return authId + " " + expiry + " " + (enabled ? 1 : 0);
    }
}
