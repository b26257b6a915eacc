package org.storemulti.spool;

/**
 * A spool save or recover that cannot go on (a directory missing, an archive unreadable);
 * the message is one printable line naming the thing, the place and the fix.
 */
final class SpoolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SpoolException(String message) {
        super(message);
    }

    SpoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
