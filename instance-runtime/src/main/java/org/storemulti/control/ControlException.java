package org.storemulti.control;

/** A storectl command failed; the message is the one line the user sees after {@code storectl: fatal:}. */
class ControlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ControlException(String message) {
        super(message);
    }

    public ControlException(String message, Throwable cause) {
        super(message, cause);
    }
}
