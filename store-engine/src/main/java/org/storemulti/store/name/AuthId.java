package org.storemulti.store.name;

import org.storemulti.store.error.ObjectKind;

/** A login name as typed (may be {@code user@domain}): no white space, {@code /} or wildcards. */
public record AuthId(String value) {

    public AuthId {
        NameRules.requireText(ObjectKind.AUTH_ACCOUNT, value, 255);
        NameRules.refuseCharacters(ObjectKind.AUTH_ACCOUNT, value, "/\\*%?");
    }

    @Override
    public String toString() {
        return value;
    }
}
