/**
 * Messages: the immutable message files, delivery (file durable first, then one index
 * transaction that assigns UIDs, GUIDs and modseqs and charges quota), group commit across
 * threads ({@link org.storemulti.store.message.DeliveryBatcher}), the one sequence of delivery
 * stages every way into the store shares ({@link org.storemulti.store.message.DeliveryPipeline}:
 * recipient, quota, store), and the read API IMAP and sync work through:
 * {@link org.storemulti.store.message.MailboxHandle} (snapshot, fetch with cached MIME
 * structure and byte ranges, flag changes, expunge, copy, move, append, changes since a
 * modseq; the last snapshots of large mailboxes kept in memory,
 * {@code SnapshotCache}), the store-wide modseq counter and the
 * expunge log.
 *
 * <p>Owns the {@code message_file}, {@code message}, {@code expunged}, {@code mailbox_keyword}
 * and {@code store_counter} tables, each mailbox's {@code next_uid}, {@code used_bytes},
 * {@code highest_modseq}, {@code first_recent_uid} and {@code expunge_floor}, and everything
 * under {@code data_directory/messages/}. Must not create or rename mailboxes, users or
 * domains; access control is the caller's.
 */
package org.storemulti.store.message;
