/**
 * The sync algorithm (dsync's model, over the location SPI): mailboxes matched by GUID (renames
 * followed, creations and deletions carried over, mailboxes of the same name merged), messages
 * matched by GUID (never copied twice), flags merged three ways against the last synced state,
 * UID conflicts resolved by new UIDs on both sides, never by dropping a message; mirror (both
 * ways) and backup (one way, the source never changed).
 *
 * <p>{@code MessagePlanner} decides, as a pure function of two listings and the base, what each
 * side must do; {@code FolderSync} lists, plans, applies (copies streamed in batches) and checks
 * that nothing else changed meanwhile; {@code TreeSync} pairs the mailboxes; {@code UserSync}
 * runs one user under the pair's lock on both sides (its own, then the peer's) and saves the next
 * state. Owns no location and no file.
 */
package org.storemulti.sync.engine;
