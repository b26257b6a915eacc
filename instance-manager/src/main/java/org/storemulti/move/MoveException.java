package org.storemulti.move;

/** A user move or transport map that cannot go on; the message is the one line the command prints. */
final class MoveException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MoveException(String message) {
        super(message);
    }

    MoveException(String message, Throwable cause) {
        super(message, cause);
    }
}
