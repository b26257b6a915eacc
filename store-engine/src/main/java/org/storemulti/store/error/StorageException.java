package org.storemulti.store.error;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.storemulti.fs.AccessDenied;

/**
 * The database or the file system failed underneath the store:
 * {@code /var/spool/store/store.db: database is locked}. Usually temporary.
 */
public final class StorageException extends StoreException {

    public StorageException(String where, Throwable cause) {
        super(where + ": " + describe(where, cause), cause);
    }

    public StorageException(String where, String problem) {
        super(where + ": " + problem);
    }

    private static String describe(String where, Throwable cause) {
        if (cause instanceof AccessDeniedException denial) {
            return AccessDenied.explain(denial); // the JDK's message is only the path again
        }
        if (cause instanceof FileSystemException failed && failed.getReason() != null
                && where.equals(failed.getFile()) && failed.getOtherFile() == null) {
            return failed.getReason(); // not "PATH: PATH: reason"
        }
        String text = cause.getMessage();
        if (text == null || text.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        return text.replace('\n', ' ').strip();
    }
}
