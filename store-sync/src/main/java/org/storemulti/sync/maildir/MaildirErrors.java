package org.storemulti.sync.maildir;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.LocationException.Kind;

/** The maildir library's failures as the sync's one-line {@link LocationException}s, naming the place. */
final class MaildirErrors {

    /** A maildir operation. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws IOException;
    }

    private MaildirErrors() {
    }

    static <T> T call(String where, Work<T> work) throws LocationException {
        try {
            return work.run();
        } catch (LocationException e) {
            throw e;
        } catch (MaildirChangedException e) {
            throw new LocationException(Kind.NOT_FOUND, where + ": " + e.getMessage(), e);
        } catch (MaildirLockedException e) {
            throw new LocationException(Kind.FAILED, where + ": " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new LocationException(Kind.NOT_FOUND, where + ": " + e.getFile() + " is gone (changed meanwhile; run again)", e);
        } catch (IOException e) {
            throw new LocationException(Kind.FAILED, where + ": " + e, e);
        }
    }
}
