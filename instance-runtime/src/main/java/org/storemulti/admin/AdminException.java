package org.storemulti.admin;

/**
 * A command-level failure that the store did not raise (no current domain, a malformed
 * number, a feature not built yet). The message is one printable line naming the thing
 * and the fix.
 */
final class AdminException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    AdminException(String message) {
        super(message);
    }

    /** The uniform error for commands whose engine support is missing. */
    static AdminException notImplemented(String command, String why) {
        return new AdminException(command + ": not yet implemented (" + why + ")");
    }
}
