package org.storemulti.store.error;

/**
 * A value other than a name was refused:
 * {@code invalid rights "lrz": unknown right 'z' (allowed: lrswipkxtecdan)}.
 */
public final class InvalidArgumentException extends StoreException {

    public InvalidArgumentException(String what, String value, String reason) {
        super("invalid " + what + " \"" + value + "\": " + reason);
    }
}
