package org.storemulti.store.name;

import java.util.Locale;
import org.storemulti.store.error.InvalidNameException;
import org.storemulti.store.error.ObjectKind;

/** A DNS-style domain name, kept in lower case: labels of letters, digits and hyphens. */
public record DomainName(String value) {

    public DomainName {
        NameRules.requireText(ObjectKind.DOMAIN, value, 253);
        value = value.toLowerCase(Locale.ROOT);
        for (String label : value.split("\\.", -1)) {
            checkLabel(value, label);
        }
    }

    private static void checkLabel(String name, String label) {
        if (label.isEmpty()) {
            throw new InvalidNameException(ObjectKind.DOMAIN, name, "has an empty label");
        }
        if (label.length() > 63) {
            throw new InvalidNameException(ObjectKind.DOMAIN, name, "has a label longer than 63 characters");
        }
        if (label.startsWith("-") || label.endsWith("-")) {
            throw new InvalidNameException(ObjectKind.DOMAIN, name, "has a label starting or ending with '-'");
        }
        for (char c : label.toCharArray()) {
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                throw new InvalidNameException(ObjectKind.DOMAIN, name, "contains '" + c + "'");
            }
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
