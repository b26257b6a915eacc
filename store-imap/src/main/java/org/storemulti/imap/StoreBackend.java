package org.storemulti.imap;

import java.util.Optional;

import org.storemulti.store.Store;
import org.storemulti.store.auth.Authentication;
import org.storemulti.store.error.StorageException;

/**
 * The backend over an open {@link Store}: logins are the store's auth accounts and
 * aliases ({@code {SHA512-CRYPT}} hashes, expiry, enabled accounts and domains), as LMTP
 * and storeadm see them; a bare name gets {@code defaultDomain}.
 */
public final class StoreBackend implements ImapBackend {

    private final Store store;
    private final String defaultDomain;

    public StoreBackend(Store store, String defaultDomain) {
        this.store = store;
        this.defaultDomain = defaultDomain;
    }

    @Override
    public Optional<String> authenticate(String authenticationId, String password) {
        try {
            Authentication result = store.authAccounts().authenticate(authenticationId, password, defaultDomain);
            return result.accepted() ? Optional.of(result.userId()) : Optional.empty();
        } catch (StorageException e) {
            throw new Unavailable("authentication of " + authenticationId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Store store() {
        return store;
    }
}
