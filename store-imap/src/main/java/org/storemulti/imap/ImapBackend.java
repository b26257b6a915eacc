package org.storemulti.imap;

import java.util.Optional;

/**
 * What the IMAP service needs from outside the protocol: today, checking a password. The
 * runtime hands the server one ({@link StoreBackend} over the instance's open store).
 *
 * <p>This is the seam the mailbox commands will grow through (issue 13, once the engine's
 * read side of issue 12 exists): they will reach the engine's own API from here, for the
 * user this session authenticated as, rather than through a second interface copying it.
 */
public interface ImapBackend {

    /**
     * The store's user id ({@code user@domain}) that {@code authenticationId} with
     * {@code password} logs in as, or empty. Never says why a login was refused.
     *
     * @throws Unavailable when the store cannot answer now (the client is told to retry)
     */
    Optional<String> authenticate(String authenticationId, String password);

    /** The backend cannot answer now (its database failed); the message says what failed. */
    final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
