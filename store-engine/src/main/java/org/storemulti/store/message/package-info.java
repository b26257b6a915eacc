/**
 * Messages: the immutable message files, delivery (file durable first, then one index
 * transaction that assigns UIDs and charges quota), group commit across threads
 * ({@link org.storemulti.store.message.DeliveryBatcher}), the one sequence of delivery
 * stages every way into the store shares ({@link org.storemulti.store.message.DeliveryPipeline}:
 * recipient, quota, store), and the read side (list, status, flags, expunge, fetch).
 *
 * <p>Owns the {@code message_file} and {@code message} tables, each mailbox's {@code next_uid} and
 * {@code used_bytes}, and everything under {@code data_directory/messages/}. Must not create
 * or rename mailboxes, users or domains.
 */
package org.storemulti.store.message;
