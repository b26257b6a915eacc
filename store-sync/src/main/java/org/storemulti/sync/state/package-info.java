/**
 * The sync state of a pair of locations: what both sides agreed on at the end of the last sync
 * of a user ({@code PairState}: mailbox pairs by GUID, their change tokens and counts, the UIDs
 * present and the flags they had, subscriptions, special-use, quotas and ACLs), its text form,
 * and {@link org.storemulti.sync.state.StateFiles}, where a store keeps it.
 *
 * <p>Owns the format and the files. Must not decide anything: the engine reads a state, merges,
 * and writes the next one. A state is only ever a lower bound (an older state makes the next run
 * do more work, never lose mail).
 */
package org.storemulti.sync.state;
