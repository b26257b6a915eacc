package org.storemulti.store.name;

import org.storemulti.store.error.InvalidNameException;
import org.storemulti.store.error.ObjectKind;

/** The checks every kind of name shares: present, bounded, no control characters. */
final class NameRules {

    private NameRules() {
    }

    static void requireText(ObjectKind kind, String name, int maxLength) {
        if (name == null || name.isEmpty()) {
            throw new InvalidNameException(kind, "", "empty");
        }
        if (name.length() > maxLength) {
            throw new InvalidNameException(kind, name.substring(0, 40) + "...",
                    "longer than " + maxLength + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0) {
                throw new InvalidNameException(kind, name, "contains a NUL character");
            }
            if (Character.isISOControl(c)) {
                throw new InvalidNameException(kind, name, "contains a control character");
            }
        }
    }

    static void refuseCharacters(ObjectKind kind, String name, String refused) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c)) {
                throw new InvalidNameException(kind, name, "contains white space");
            }
            if (refused.indexOf(c) >= 0) {
                throw new InvalidNameException(kind, name, "contains '" + c + "'");
            }
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidNameException(kind, name, "is a relative path");
        }
    }
}
