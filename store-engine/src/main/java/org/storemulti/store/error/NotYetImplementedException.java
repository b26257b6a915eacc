package org.storemulti.store.error;

/** A documented operation that this version does not implement yet; never a fake result. */
public final class NotYetImplementedException extends StoreException {

    public NotYetImplementedException(String operation) {
        super(operation + ": not yet implemented");
    }
}
