package org.storemulti.store.name;

import java.util.ArrayList;
import java.util.List;

import org.storemulti.store.error.InvalidNameException;
import org.storemulti.store.error.ObjectKind;

/**
 * How the local part of an address is read as a user name and a detail, with the
 * delimiter characters the caller configures: the whole local part
 * first, then, if it holds a delimiter, the part before the first one as the user and the
 * rest as the detail ({@code joe+work} is user {@code joe}, detail {@code work}), as
 * Postfix looks up {@code user+ext} before {@code user}. With no delimiters there are no
 * details. A new user name that contains a delimiter is refused, since mail to it would
 * be read as another user's detail once that user exists.
 *
 * <p>Only syntax; which reading names a user is the mailbox package's
 * {@link org.storemulti.store.mailbox.Recipients}.
 */
public record LocalPartRule(String delimiters) {

    /** No details: the whole local part is the user name. */
    public static final LocalPartRule NO_DETAILS = new LocalPartRule("");

    public LocalPartRule {
        if (delimiters.indexOf('@') >= 0 || delimiters.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("recipient delimiters must not hold @ or white space: " + delimiters);
        }
    }

    /** One way to read a local part. */
    public record Reading(String user, String detail) {
    }

    /** The readings to try, in order: the whole local part, then user and detail split at the first delimiter. */
    public List<Reading> readings(String localPart) {
        List<Reading> readings = new ArrayList<>();
        readings.add(new Reading(localPart, ""));
        int split = firstDelimiter(localPart);
        if (split > 0) {
            readings.add(new Reading(localPart.substring(0, split), localPart.substring(split + 1)));
        }
        return readings;
    }

    /** Refuses a new user name that holds a delimiter, naming the delimiter. */
    public UserName requireCreatable(UserName user) {
        int at = firstDelimiter(user.value());
        if (at >= 0) {
            throw new InvalidNameException(ObjectKind.USER, user.value(), "contains '" + user.value().charAt(at)
                    + "', a recipient delimiter: mail to it would read as user " + user.value().substring(0, at)
                    + " with a detail");
        }
        return user;
    }

    private int firstDelimiter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (delimiters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
