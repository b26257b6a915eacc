package org.storemulti.sync.store;

import org.storemulti.store.error.AlreadyExistsException;
import org.storemulti.store.error.ConflictException;
import org.storemulti.store.error.InvalidArgumentException;
import org.storemulti.store.error.InvalidNameException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.QuotaExceededException;
import org.storemulti.store.error.StoreException;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.LocationException.Kind;

/** The engine's exceptions as the SPI's: one line naming the location, a kind the sync acts on. */
final class StoreErrors {

    /** An engine call that may throw a {@link StoreException}. */
    @FunctionalInterface
    interface Call<T> {
        T run();
    }

    private StoreErrors() {
    }

    static <T> T call(String where, Call<T> call) throws LocationException {
        try {
            return call.run();
        } catch (StoreException e) {
            throw translate(where, e);
        }
    }

    static LocationException translate(String where, StoreException e) {
        Kind kind;
        if (e instanceof NotFoundException) {
            kind = Kind.NOT_FOUND;
        } else if (e instanceof AlreadyExistsException || e instanceof ConflictException) {
            kind = Kind.CONFLICT;
        } else if (e instanceof QuotaExceededException) {
            kind = Kind.OVER_QUOTA;
        } else if (e instanceof InvalidNameException || e instanceof InvalidArgumentException) {
            kind = Kind.REFUSED;
        } else {
            kind = Kind.FAILED;
        }
        return new LocationException(kind, where + ": " + e.getMessage(), e);
    }
}
