package org.storemulti.store.error;

/**
 * The database or the file system failed underneath the store:
 * {@code /var/spool/store/store.db: database is locked}. Usually temporary.
 */
public final class StorageException extends StoreException {

    public StorageException(String where, Throwable cause) {
        super(where + ": " + describe(cause), cause);
    }

    public StorageException(String where, String problem) {
        super(where + ": " + problem);
    }

    private static String describe(Throwable cause) {
        String text = cause.getMessage();
        if (text == null || text.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        return text.replace('\n', ' ').strip();
    }
}
