package org.storemulti.admin;

/**
 * A command-level failure that the store did not raise (no current domain, a malformed
 * number, an option the tool does not support). The message is one printable line naming the thing
 * and the fix.
 */
final class AdminException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    AdminException(String message) {
        super(message);
    }
}
