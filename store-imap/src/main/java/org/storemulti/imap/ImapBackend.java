package org.storemulti.imap;

import java.util.Optional;

import org.storemulti.store.Store;
import org.storemulti.store.message.DeliveryPipeline;

/**
 * What the IMAP service needs from outside the protocol: checking a password, and the open
 * store the mailbox commands work on. The runtime hands the server one ({@link StoreBackend}
 * over the instance's open store).
 *
 * <p>The mailbox commands reach the engine's own API through {@link #store()} (for the user
 * the session authenticated as, names and rights through {@code mailbox.UserMailboxes} and
 * {@code mailbox.MailboxAccess}) rather than through a second interface copying it.
 */
public interface ImapBackend {

    /**
     * The store's user id ({@code user@domain}) that {@code authenticationId} with
     * {@code password} logs in as, or empty. Never says why a login was refused.
     *
     * @throws Unavailable when the store cannot answer now (the client is told to retry)
     */
    Optional<String> authenticate(String authenticationId, String password);

    /** The open store whose mailboxes the sessions read and change. */
    Store store();

    /** The store's one delivery pipeline: APPEND enters at its quota and store stages. */
    DeliveryPipeline pipeline();

    /** The backend cannot answer now (its database failed); the message says what failed. */
    final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
