package org.storemulti.store.name;

import org.storemulti.store.error.ObjectKind;

/** A user's name inside a domain: no white space, {@code @}, {@code /} or wildcards. */
public record UserName(String value) {

    public UserName {
        NameRules.requireText(ObjectKind.USER, value, 255);
        NameRules.refuseCharacters(ObjectKind.USER, value, "@/\\*%?");
    }

    /**
     * The name with ASCII letters in lower case: two user names are the same user when these
     * are equal (what SQL's {@code lower()} gives, so an index on it finds them). Other
     * letters keep their case, as in Postfix's table lookups.
     */
    public String folded() {
        return folded(value);
    }

    /** {@code text} with ASCII letters in lower case. */
    public static String folded(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
