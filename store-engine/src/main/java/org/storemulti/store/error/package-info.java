/**
 * The store's exceptions: one unchecked base, {@link org.storemulti.store.error.StoreException},
 * and a subclass per kind of failure, each carrying what failed and where so that a command
 * line tool prints {@link java.lang.Throwable#getMessage()} as its one line on stderr.
 *
 * <p>Owns no state and touches nothing: every other store package throws these.
 */
package org.storemulti.store.error;
