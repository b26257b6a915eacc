package org.storemulti.store.error;

/**
 * Base of every failure the store reports. The message is one line, ready to print,
 * naming the object and the problem ({@code no such domain: example.com}).
 */
public abstract class StoreException extends RuntimeException {

    protected StoreException(String message) {
        super(message);
    }

    protected StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
