package org.storemulti.registry;

/** A registry that cannot be loaded or a selection that matches nothing; the message names what and where. */
class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
