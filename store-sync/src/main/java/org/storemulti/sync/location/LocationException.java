package org.storemulti.sync.location;

import java.io.IOException;

/**
 * A location refused or failed an operation, in one printable line that names the thing and
 * the place ({@code store:/etc/store-b: mailbox Archive: no such mailbox}). The {@link Kind}
 * tells the sync what to do: a mailbox that went away during the run is "try again" (exit 2),
 * a refusal is an error.
 */
public class LocationException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, as far as the sync cares. */
    public enum Kind {
        /** The user, mailbox or message is not there (deleted meanwhile, or never was). */
        NOT_FOUND,
        /** Taken or in the way: a name in use, a GUID another mailbox has, a non-empty mailbox. */
        CONFLICT,
        /** The location does not do this (the INBOX is never deleted, no user list for one user's Maildir). */
        REFUSED,
        /** A quota would be exceeded. */
        OVER_QUOTA,
        /** Anything else: the location is broken or unreachable. */
        FAILED
    }

    private final Kind kind;

    public LocationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public LocationException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
