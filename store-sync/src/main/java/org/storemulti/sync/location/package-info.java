/**
 * The location SPI: what one side of a sync must offer, whatever keeps the mail (a store
 * instance, a Maildir++ tree, a Unix mailbox, a remote peer over the sync protocol).
 *
 * <p>A {@link org.storemulti.sync.location.Location} opens one user's mail as a
 * {@link org.storemulti.sync.location.UserMail}: its mailboxes ({@link
 * org.storemulti.sync.location.FolderInfo}: name, GUID, UID validity, UIDNEXT, highest modseq or
 * a change token, count, special-use), subscriptions, and, between two stores, quotas and ACLs
 * ({@link org.storemulti.sync.location.StoreExtras}). A mailbox opened by GUID is a
 * {@link org.storemulti.sync.location.Folder}: its messages ({@link
 * org.storemulti.sync.location.MessageMeta}: UID, GUID, flags and keywords, internal date, size,
 * modseq if any), their bodies as streams, saves in batches, flag changes, expunges, new UIDs.
 * Names are the user's folder names with {@code /} between levels ({@code INBOX},
 * {@code Archive/2024}); a location maps them onto its own layout.
 *
 * <p>Owns the contract only: no merge logic, no sync state, no location of its own. The sync
 * algorithm ({@code org.storemulti.sync.engine}) works against these interfaces alone, so every
 * location behaves the same to it; the rules each method must keep are in its Javadoc.
 */
package org.storemulti.sync.location;
