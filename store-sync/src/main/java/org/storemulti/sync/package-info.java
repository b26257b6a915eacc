/**
 * Mailbox synchronization between locations, as a library (dsync's model): what the runtime's
 * {@code storeadm sync} and {@code sync-server} call. {@link org.storemulti.sync.Locations} turns
 * LOCATION words into a location.
 *
 * <p>Owns the entry points only; the merge lives in {@code engine}, the locations in their own
 * packages. Must not read configuration files or command lines: the runtime hands typed settings in.
 */
package org.storemulti.sync;
