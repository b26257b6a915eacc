package org.storemulti.store.name;

import org.storemulti.store.error.InvalidNameException;
import org.storemulti.store.error.ObjectKind;

/**
 * A relative mailbox folder path such as {@code Important/work}: segments separated by
 * {@code /}, none empty (so no absolute path), none {@code .} or {@code ..}, no control
 * characters and no IMAP wildcards.
 */
public record FolderPath(String value) {

    public FolderPath {
        NameRules.requireText(ObjectKind.MAILBOX, value, 1000);
        if (value.startsWith("/")) {
            throw new InvalidNameException(ObjectKind.MAILBOX, value, "is an absolute path");
        }
        for (String segment : value.split("/", -1)) {
            checkSegment(value, segment);
        }
    }

    private static void checkSegment(String path, String segment) {
        if (segment.isEmpty()) {
            throw new InvalidNameException(ObjectKind.MAILBOX, path, "has an empty segment");
        }
        if (segment.equals("..") || segment.equals(".")) {
            throw new InvalidNameException(ObjectKind.MAILBOX, path, "contains a \"" + segment + "\" segment");
        }
        for (char c : segment.toCharArray()) {
            if ("*%\\".indexOf(c) >= 0) {
                throw new InvalidNameException(ObjectKind.MAILBOX, path, "contains '" + c + "'");
            }
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
