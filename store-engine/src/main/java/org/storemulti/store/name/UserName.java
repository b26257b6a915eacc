package org.storemulti.store.name;

import org.storemulti.store.error.ObjectKind;

/** A user's name inside a domain: no white space, {@code @}, {@code /} or wildcards. */
public record UserName(String value) {

    public UserName {
        NameRules.requireText(ObjectKind.USER, value, 255);
        NameRules.refuseCharacters(ObjectKind.USER, value, "@/\\*%?");
    }

    @Override
    public String toString() {
        return value;
    }
}
