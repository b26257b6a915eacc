package org.storemulti.sync.mboxlocation;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.LocationException.Kind;
import org.storemulti.sync.mbox.MailboxChangedException;
import org.storemulti.sync.mbox.MailboxLockedException;
import org.storemulti.sync.mbox.MboxFormatException;

/** The mbox library's failures as the sync's one-line {@link LocationException}s, naming the place. */
final class MboxErrors {

    /** An operation on the files. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws IOException;
    }

    /** An operation on the files that gives nothing back. */
    @FunctionalInterface
    interface Step {
        void run() throws IOException;
    }

    private MboxErrors() {
    }

    /** Runs {@code work}; a file changed meanwhile is {@link Kind#NOT_FOUND} (run again), the rest {@link Kind#FAILED}. */
    static <T> T call(String at, Work<T> work) throws LocationException {
        try {
            return work.run();
        } catch (LocationException e) {
            throw e;
        } catch (MailboxChangedException e) {
            throw new LocationException(Kind.NOT_FOUND, at + ": " + e.getMessage(), e);
        } catch (MailboxLockedException | MboxFormatException e) {
            throw new LocationException(Kind.FAILED, at + ": " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new LocationException(Kind.NOT_FOUND, at + ": " + e.getFile() + " is gone (changed meanwhile; run again)", e);
        } catch (IOException e) {
            throw new LocationException(Kind.FAILED, at + ": " + e, e);
        }
    }

    static void run(String at, Step step) throws LocationException {
        call(at, () -> {
            step.run();
            return null;
        });
    }
}
