package org.storemulti.store.error;

/**
 * The request is well formed but the store's state forbids it:
 * {@code user joe@example.com: still has mailboxes (delete them first)}.
 */
public final class ConflictException extends StoreException {

    public ConflictException(String where, String problem) {
        super(where + ": " + problem);
    }
}
