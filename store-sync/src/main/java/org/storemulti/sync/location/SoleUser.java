package org.storemulti.sync.location;

import org.storemulti.sync.location.LocationException.Kind;

/**
 * The one user a file location may hold when its path names no user ({@code %u %n %d}): a
 * second user, as {@code sync -A} would bring, would overwrite the first's mail, so it is
 * refused. One per location; thread-safe, since {@code -A} opens users in parallel.
 */
public final class SoleUser {

    private final UserPath path;
    private final String description;
    private final String scheme;
    private String user;

    /** For the location {@code description} at {@code path}; {@code scheme} ({@code maildir}) shows the fix. */
    public SoleUser(UserPath path, String description, String scheme) {
        this.path = path;
        this.description = description;
        this.scheme = scheme;
    }

    /** Accepts {@code candidate} if the path is per user or it is the first (or the same) user. */
    public synchronized void claim(String candidate) throws LocationException {
        if (path.perUser()) {
            return;
        }
        if (user == null) {
            user = candidate;
        } else if (!user.equalsIgnoreCase(candidate)) {
            throw new LocationException(Kind.REFUSED, description + ": holds one user's mail (" + user + "), not "
                    + candidate + "'s too; give a path with %u for many users (" + scheme + ":/home/%u/...)");
        }
    }
}
