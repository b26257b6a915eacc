package org.storemulti.move;

import java.util.Optional;

import org.storemulti.store.Store;
import org.storemulti.store.auth.AuthAccount;

/**
 * The user's password account ({@code authid} = the address, as {@code storeadm auth add}
 * makes it) goes with the mail: copied to the target with its stored hash, expiry and state,
 * then disabled on the source, so a client logs in on the target only.
 */
final class Accounts {

    private Accounts() {
    }

    /** Copies (or updates) the user's account on the target; false if the source has none. */
    static boolean copy(Store source, Store target, String user) {
        Optional<AuthAccount> account = find(source, user);
        if (account.isEmpty()) {
            return false;
        }
        String id = account.get().authId();
        String hash = source.authAccounts().passwordHash(id);
        Optional<AuthAccount> there = find(target, id);
        if (there.isEmpty()) {
            target.authAccounts().add(id, hash);
        } else {
            target.authAccounts().setPassword(there.get().authId(), hash);
        }
        String targetId = there.map(AuthAccount::authId).orElse(id);
        target.authAccounts().modifyExpiry(targetId, account.get().expiry().toString());
        if (account.get().enabled()) {
            target.authAccounts().enable(targetId);
        } else {
            target.authAccounts().disable(targetId);
        }
        return true;
    }

    /** Disables the user's account on the source (its stored password refused from now on). */
    static void disable(Store source, String user) {
        find(source, user).ifPresent(a -> source.authAccounts().disable(a.authId()));
    }

    /** Deletes the user's account on the source. */
    static void delete(Store source, String user) {
        find(source, user).ifPresent(a -> source.authAccounts().delete(a.authId()));
    }

    private static Optional<AuthAccount> find(Store store, String user) {
        return store.authAccounts().list("*").stream().filter(a -> a.authId().equalsIgnoreCase(user)).findFirst();
    }
}
