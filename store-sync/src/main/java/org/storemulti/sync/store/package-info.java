/**
 * The {@code store:} location: a store instance opened through the engine
 * ({@link org.storemulti.sync.store.StoreLocation}), the side every sync runs from and the peer
 * of {@code store:CONFIG_DIR} and of {@code sync-server}. Mailboxes are the user's personal
 * tree ({@code user/NAME/...}); it has every capability of the location SPI: modseqs, UIDs and
 * GUIDs kept, quotas and ACLs, the peer's sync state kept in {@code $data_directory/sync}.
 *
 * <p>Owns the mapping between the SPI and the engine's calls and errors, and the store's sync
 * identity. Must not hold merge logic, nor touch the database other than through
 * {@link org.storemulti.store.Store}; safe while the instance's daemon runs (the engine's locks).
 */
package org.storemulti.sync.store;
