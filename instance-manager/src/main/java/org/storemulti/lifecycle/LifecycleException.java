package org.storemulti.lifecycle;

/** A life-cycle action refused or failed; the message says what and where, and nothing was changed unless it says so. */
class LifecycleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LifecycleException(String message) {
        super(message);
    }

    public LifecycleException(String message, Throwable cause) {
        super(message, cause);
    }
}
